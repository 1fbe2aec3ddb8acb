namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// Phase (b'): PutRecord latency measured by wrk, a client that is not the bottleneck: 64 single-record bodies
/// (RecordSize bytes, random partition keys, so spread over the shards) are built and signed once, and wrk takes them
/// in turn on Connections connections for the duration, giving the latency percentiles; the records are counted back
/// afterwards (<see cref="WrkWritePhase"/>), so calls/s = records read back / seconds.
/// </summary>
internal static class PutRecordWrkPhase
{
    public const string Name = "putrecord-wrk";
    private const int Bodies = 64;

    public static Task<PhaseResult> RunAsync(PhaseContext ctx, CancellationToken cancellationToken)
    {
        var o = ctx.Options;
        return WrkWritePhase.RunAsync(ctx, new WrkWritePhase.Spec(
            Name, "(b') PutRecord via wrk", "PutRecord", "putonewrk", 1,
            stream => BodiesFor(stream, o.RecordSize),
            response => WireJson.FindString(response, "SequenceNumber") is null ? "got no sequence number" : null,
            $"{Bodies} bodies of {o.RecordSize} B in turn"), cancellationToken);
    }

    private static byte[][] BodiesFor(string stream, int recordSize)
    {
        var random = new Random(3000);
        var bodies = new byte[Bodies][];
        for (var i = 0; i < bodies.Length; i++)
        {
            bodies[i] = KinesisRequestBodies.PutRecord(stream, random, recordSize);
        }

        return bodies;
    }
}
