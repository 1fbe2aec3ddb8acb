namespace Orleans.Kinesis.Abstractions.Errors;

/// <summary>Factories for the service's errors with AWS's message templates (spec §3.2).</summary>
public static class KinesisErrors
{
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string ResourceInUse = "ResourceInUseException";
    public const string InvalidArgument = "InvalidArgumentException";
    public const string LimitExceeded = "LimitExceededException";
    public const string ProvisionedThroughputExceeded = "ProvisionedThroughputExceededException";
    public const string ExpiredIterator = "ExpiredIteratorException";
    public const string ExpiredNextToken = "ExpiredNextTokenException";
    public const string Validation = "ValidationException";
    public const string Serialization = "SerializationException";
    public const string UnknownOperation = "UnknownOperationException";
    public const string MissingAuthenticationToken = "MissingAuthenticationTokenException";
    public const string IncompleteSignature = "IncompleteSignatureException";
    public const string InvalidSignature = "InvalidSignatureException";
    public const string InternalFailure = "InternalFailure";
    public const string KmsNotFound = "KMSNotFoundException";
    public const string KmsAccessDenied = "KMSAccessDeniedException";

    /// <summary>
    /// Internal: an append reached a shard that a reshard has closed. The gateway refreshes its routing and retries;
    /// callers never see this type (a leftover one is reported as InternalFailure).
    /// </summary>
    public const string ShardClosed = "ShardClosed";

    public static KinesisException StreamNotFound(string streamName, string account)
        => new(ResourceNotFound, $"Stream {streamName} under account {account} not found.");

    public static KinesisException StreamAlreadyExists(string streamName, string account)
        => new(ResourceInUse, $"Stream {streamName} under account {account} already exists.");

    public static KinesisException StreamNotActive(string streamName, string account, string status)
        => new(ResourceInUse, $"Stream {streamName} under account {account} not ACTIVE, instead in state {status}");

    public static KinesisException ShardNotFound(string shardId, string streamName, string account)
        => new(ResourceNotFound, $"Shard {shardId} in stream {streamName} under account {account} does not exist");

    public static KinesisException CouldNotFindShard(string shardId, string streamName, string account)
        => new(ResourceNotFound, $"Could not find shard {shardId} in stream {streamName} under account {account}.");

    public static KinesisException ConsumerNotFound(string consumer, string streamName, string account)
        => new(ResourceNotFound, $"Consumer {consumer} under stream {streamName} under account {account} not found.");

    public static KinesisException ConsumerAlreadyExists(string consumerName, string streamName, string account)
        => new(ResourceInUse, $"Consumer {consumerName} under stream {streamName} under account {account} already exists.");

    public static KinesisException ShardClosedError(string shardId)
        => new(ShardClosed, $"Shard {shardId} is closed.", 500);

    public static KinesisException RateExceeded(string shardId, string streamName, string account)
        => new(ProvisionedThroughputExceeded, $"Rate exceeded for shard {shardId} in stream {streamName} under account {account}.");

    public static KinesisException InvalidArgumentError(string message) => new(InvalidArgument, message);

    public static KinesisException ValidationError(string message) => new(Validation, message);

    public static KinesisException SerializationError(string? message) => new(Serialization, message);

    public static KinesisException LimitExceededError(string message) => new(LimitExceeded, message);
}
