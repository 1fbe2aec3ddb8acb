namespace Orleans.Kinesis.Benchmarks;

/// <summary>Counts failed requests from many workers and keeps the first error seen.</summary>
internal sealed class FailureTally
{
    private long _requests;
    private string? _first;

    public long Requests => Interlocked.Read(ref _requests);

    public string? First => Volatile.Read(ref _first);

    public void Add(string error)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.CompareExchange(ref _first, error, null);
    }

    public void Add(WireResponse response) => Add(response.ErrorType);

    public string Describe() => Requests == 0 ? "" : $"{Requests} failed requests, first: {First}";
}
