namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// The server's CPU time over a timed phase, per record: on a shared machine (other processes, the client itself)
/// records/s moves with the load, CPU per record much less, so it is the figure to compare before/after.
/// </summary>
internal readonly struct ServerCpuMeter
{
    private readonly Func<TimeSpan?> _cpu;
    private readonly TimeSpan? _started;

    private ServerCpuMeter(Func<TimeSpan?> cpu)
    {
        _cpu = cpu;
        _started = cpu();
    }

    public static ServerCpuMeter Start(PhaseContext ctx) => new(ctx.ServerCpu);

    /// <summary>"server CPU x µs/record" for the records handled since <see cref="Start"/>, or "" when unknown.</summary>
    public string Note(double records)
        => _started is { } started && _cpu() is { } now && records > 0
            ? $"server CPU {(now - started).TotalMicroseconds / records:0.0} us/record"
            : "";
}
