namespace Orleans.Kinesis.Client.Model;

public sealed record DeleteStreamRequest : StreamRequest
{
    public bool? EnforceConsumerDeletion { get; init; }
}
