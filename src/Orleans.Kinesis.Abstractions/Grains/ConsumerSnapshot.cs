namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// An immutable view of a consumer registered on a stream. <see cref="ConsumerArn"/> is
/// <c>&lt;stream ARN&gt;/consumer/&lt;name&gt;:&lt;epoch seconds&gt;</c> and differs for every registration of a name.
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.ConsumerSnapshot")]
public sealed record ConsumerSnapshot(
    string ConsumerName,
    string ConsumerArn,
    ConsumerStatus Status,
    long CreatedTimeMs,
    IReadOnlyDictionary<string, string> Tags);
