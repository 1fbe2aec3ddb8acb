namespace Orleans.Kinesis.Protocol.Records;

/// <summary>
/// One record of a PutRecord(s) request as parsed: UTF-8 partition key and decoded data (slices of the request
/// buffer, decoded in place), the partition key's length in UTF-16 units, and the optional explicit hash key.
/// </summary>
public struct PutEntry
{
    public ReadOnlyMemory<byte> PartitionKey { get; set; }
    public ReadOnlyMemory<byte> Data { get; set; }
    public int PartitionKeyChars { get; set; }
    public string? ExplicitHashKey { get; set; }
    public bool HasPartitionKey { get; set; }
    public bool HasData { get; set; }
}
