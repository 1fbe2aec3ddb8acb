using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Kinesis.Client.Firehose;

public sealed record DestinationDescription
{
    public required string DestinationId { get; init; }

    public ExtendedS3DestinationConfiguration? ExtendedS3DestinationDescription { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalMembers { get; init; }
}
