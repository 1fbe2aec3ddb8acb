namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>
/// The result of transforming a batch: either the checked per-record answers, or (after every attempt failed) the
/// error code and message that apply to all records.
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.TransformOutcome")]
public sealed record TransformOutcome(IReadOnlyList<TransformOutputRecord>? Records, int AttemptsMade, string? ErrorCode, string? ErrorMessage);
