using Orleans.Kinesis.Storage.Logs.Devices;

namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>One segment of a shard log as the engine sees it: its device and its durable frames' extent.</summary>
internal sealed class LogSegment(ISegmentDevice device)
{
    public ISegmentDevice Device { get; } = device;

    public long FirstOrdinal => Device.FirstOrdinal;

    public string Name => Device.Name;

    /// <summary>Bytes of durable frames (the append position of the active segment); a torn tail past it is ignored.</summary>
    public long Length { get; set; }

    public int FrameCount { get; set; }

    public long MaxArrivalTimeMs { get; set; } = long.MinValue;

    public bool IsSealed { get; set; }

    public void AddFrame(long arrivalTimeMs, int length)
    {
        FrameCount++;
        Length += length;
        MaxArrivalTimeMs = Math.Max(MaxArrivalTimeMs, arrivalTimeMs);
    }
}
