namespace Orleans.Kinesis.Protocol.Records;

/// <summary>A parsed PutRecords or PutRecord request. Entry memory points into the request buffer.</summary>
public sealed class PutRecordsRequest
{
    public string? StreamName { get; set; }

    public string? StreamArn { get; set; }

    public string? StreamId { get; set; }

    /// <summary>PutRecord only: SequenceNumberForOrdering.</summary>
    public string? SequenceNumberForOrdering { get; set; }

    /// <summary>False when the Records member was absent or null (PutRecords).</summary>
    public bool HasRecords { get; set; }

    public PutEntry[] Entries { get; set; } = [];

    public int Count { get; set; }

    /// <summary>Sum of partition key bytes and data bytes over all entries.</summary>
    public long TotalBytes { get; set; }
}
