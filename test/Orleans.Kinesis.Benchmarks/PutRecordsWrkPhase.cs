namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// Phase (a'): PutRecords throughput measured by wrk, a client that is not the bottleneck: one body of Batch ×
/// RecordSize records (random partition keys, so spread over the shards) is built and signed once and replayed on
/// Connections connections for the duration; the records are counted back afterwards (<see cref="WrkWritePhase"/>).
/// </summary>
internal static class PutRecordsWrkPhase
{
    public const string Name = "putrecords-wrk";

    public static Task<PhaseResult> RunAsync(PhaseContext ctx, CancellationToken cancellationToken)
    {
        var o = ctx.Options;
        return WrkWritePhase.RunAsync(ctx, new WrkWritePhase.Spec(
            Name, "(a') PutRecords via wrk", "PutRecords", "putwrk", o.Batch,
            stream => [KinesisRequestBodies.PutRecords(stream, new Random(7), o.Batch, o.RecordSize)],
            response => WireJson.FindInt64(response, "FailedRecordCount") is 0 ? null : "had failed entries",
            $"{o.Batch}x{o.RecordSize} B, one body"), cancellationToken);
    }
}
