namespace Orleans.Kinesis.Abstractions.Options;

/// <summary>Server-side encryption of records, shared by the gateway and the grains.</summary>
public sealed class RecordEncryptionOptions
{
    /// <summary>
    /// The master key (32 bytes) that every stream's data keys derive from. The host keeps it stable across restarts;
    /// losing it makes encrypted records unreadable.
    /// </summary>
    public byte[] MasterKey { get; set; } = [];
}
