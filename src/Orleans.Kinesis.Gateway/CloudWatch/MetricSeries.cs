namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// One metric with one set of dimensions: a ring of 1-minute cells covering the retention window. A sample goes into
/// the cell of its minute; a cell is cleared (under the series lock, once a minute) when its minute comes round again.
/// </summary>
internal sealed class MetricSeries
{
    private readonly MetricCell[] _cells;
    private readonly Lock _roll = new();

    public MetricSeries(int minutes, bool percentiles)
    {
        _cells = new MetricCell[minutes];
        for (var i = 0; i < _cells.Length; i++)
        {
            _cells[i] = new MetricCell(percentiles);
        }
    }

    /// <summary>The last minute a sample went into.</summary>
    public long LastMinute { get; private set; } = long.MinValue;

    public void Add(long minute, double value)
    {
        var cell = _cells[(int)(minute % _cells.Length)];
        if (Volatile.Read(ref cell.Minute) != minute && !Roll(cell, minute))
        {
            return; // older than the window
        }

        cell.Add(value);
    }

    /// <summary>Puts an archived minute back (on start, before any sample arrives).</summary>
    public void Restore(long minute, MetricStatistics statistics)
    {
        var cell = _cells[(int)(minute % _cells.Length)];
        if (!Roll(cell, minute))
        {
            return;
        }

        cell.Restore(statistics);
    }

    /// <summary>The statistics of the minutes in [<paramref name="fromMinute"/>, <paramref name="toMinute"/>).</summary>
    public MetricStatistics Read(long fromMinute, long toMinute)
    {
        var total = default(MetricStatistics);
        for (var minute = Math.Max(fromMinute, toMinute - _cells.Length); minute < toMinute; minute++)
        {
            var cell = _cells[(int)(minute % _cells.Length)];
            if (Volatile.Read(ref cell.Minute) == minute && Volatile.Read(ref cell.Count) > 0)
            {
                total = total.Combine(cell.Statistics());
            }
        }

        return total;
    }

    /// <summary>The minutes that hold samples, with their statistics.</summary>
    public IEnumerable<(long Minute, MetricStatistics Statistics)> Minutes()
    {
        foreach (var cell in _cells)
        {
            var minute = Volatile.Read(ref cell.Minute);
            if (minute != long.MinValue && Volatile.Read(ref cell.Count) > 0)
            {
                yield return (minute, cell.Statistics());
            }
        }
    }

    private bool Roll(MetricCell cell, long minute)
    {
        lock (_roll)
        {
            if (cell.Minute == minute)
            {
                return true;
            }

            if (cell.Minute > minute)
            {
                return false;
            }

            cell.Reset(minute);
            LastMinute = Math.Max(LastMinute, minute);
            return true;
        }
    }
}
