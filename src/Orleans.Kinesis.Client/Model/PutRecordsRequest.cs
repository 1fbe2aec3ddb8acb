namespace Orleans.Kinesis.Client.Model;

public sealed record PutRecordsRequest : StreamRequest
{
    public required List<PutRecordsRequestEntry> Records { get; init; }
}
