namespace Orleans.Kinesis.Storage.Options;

/// <summary>Settings of the embedded file storage provider.</summary>
public sealed class FileStorageOptions
{
    /// <summary>Root folder; grain state goes under <c>state/</c>, record logs under <c>streams/</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>A log segment is sealed and a new one started once it would grow past this size (default 128 MiB).</summary>
    public long SegmentMaxBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>Most bytes of the newest frames one log keeps in memory for reads (default 32 MiB), within the process-wide <see cref="HotTailOptions"/> budget.</summary>
    public long HotTailBytes { get; set; } = 32L * 1024 * 1024;
}
