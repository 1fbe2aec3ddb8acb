namespace Orleans.Kinesis.Client.Model;

public sealed record PutRecordsResponse
{
    public int? FailedRecordCount { get; init; }

    public List<PutRecordsResultEntry> Records { get; init; } = [];

    public string? EncryptionType { get; init; }
}
