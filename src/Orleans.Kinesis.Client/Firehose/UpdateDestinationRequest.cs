using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Kinesis.Client.Firehose;

public sealed record UpdateDestinationRequest
{
    public required string DeliveryStreamName { get; init; }

    public required string CurrentDeliveryStreamVersionId { get; init; }

    public required string DestinationId { get; init; }

    public ExtendedS3DestinationConfiguration? ExtendedS3DestinationUpdate { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalMembers { get; init; }
}
