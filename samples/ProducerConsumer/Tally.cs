namespace ProducerConsumer;

/// <summary>Which records of the run arrived; completes <see cref="All"/> when every one has.</summary>
internal sealed class Tally(string run, int count)
{
    private readonly bool[] _seen = new bool[count];
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _distinct;

    public int Distinct => Volatile.Read(ref _distinct);

    public int Foreign { get; private set; }

    public Task All => _all.Task;

    public void See(ReadOnlySpan<byte> data)
    {
        var index = Records.IndexOf(run, data);
        lock (_seen)
        {
            if (index < 0 || index >= _seen.Length)
            {
                Foreign++;
                return;
            }

            if (_seen[index])
            {
                return;
            }

            _seen[index] = true;
            if (++_distinct == _seen.Length)
            {
                _all.TrySetResult();
            }
        }
    }

    public IEnumerable<int> Missing()
    {
        lock (_seen)
        {
            return [.. Enumerable.Range(0, _seen.Length).Where(i => !_seen[i])];
        }
    }
}
