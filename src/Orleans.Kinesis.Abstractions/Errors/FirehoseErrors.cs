namespace Orleans.Kinesis.Abstractions.Errors;

/// <summary>The Firehose API's errors (spec firehose.md §1): every one a 400 except ServiceUnavailableException (503).</summary>
public static class FirehoseErrors
{
    public const string ConcurrentModification = "ConcurrentModificationException";
    public const string ServiceUnavailable = "ServiceUnavailableException";
    public const string InvalidKmsResource = "InvalidKMSResourceException";

    public static KinesisException NotFound(string name, string account)
        => new(KinesisErrors.ResourceNotFound, $"Firehose {name} under account {account} not found.");

    public static KinesisException AlreadyExists(string name, string account)
        => new(KinesisErrors.ResourceInUse, $"Firehose {name} under accountId {account} already exists.");

    public static KinesisException NotActive(string name, string account, string status)
        => new(KinesisErrors.ResourceInUse, $"Firehose {name} under account {account} is not ACTIVE, instead in state {status}.");

    public static KinesisException InvalidArgument(string message) => new(KinesisErrors.InvalidArgument, message);

    public static KinesisException LimitExceeded(string message) => new(KinesisErrors.LimitExceeded, message);

    public static KinesisException VersionMismatch(string name, string current, string given)
        => new(ConcurrentModification, $"Cannot update firehose: {name} since the current version id: {current} and the specified version id: {given} do not match");

    public static KinesisException SourceIsKinesisStream(string name)
        => new(KinesisErrors.InvalidArgument, $"This operation is not permitted on KinesisStreamAsSource type delivery stream {name}.");
}
