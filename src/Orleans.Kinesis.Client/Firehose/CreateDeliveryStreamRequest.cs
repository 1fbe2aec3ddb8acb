using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Kinesis.Client.Firehose;

public sealed record CreateDeliveryStreamRequest
{
    public required string DeliveryStreamName { get; init; }

    /// <summary><c>DirectPut</c> (default) or <c>KinesisStreamAsSource</c>.</summary>
    public string? DeliveryStreamType { get; init; }

    public KinesisStreamSourceConfiguration? KinesisStreamSourceConfiguration { get; init; }

    public DeliveryStreamEncryptionConfigurationInput? DeliveryStreamEncryptionConfigurationInput { get; init; }

    public ExtendedS3DestinationConfiguration? ExtendedS3DestinationConfiguration { get; init; }

    public List<Model.Tag>? Tags { get; init; }

    /// <summary>Members this client does not model (other sources and destinations), passed through as JSON.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalMembers { get; init; }
}
