using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Kinesis.Client.Firehose;

public sealed record DeliveryStreamDescription
{
    public required string DeliveryStreamName { get; init; }

    public required string DeliveryStreamARN { get; init; }

    public required string DeliveryStreamStatus { get; init; }

    public string? DeliveryStreamType { get; init; }

    public string? VersionId { get; init; }

    public DateTimeOffset? CreateTimestamp { get; init; }

    public DateTimeOffset? LastUpdateTimestamp { get; init; }

    public List<DestinationDescription> Destinations { get; init; } = [];

    public bool HasMoreDestinations { get; init; }

    /// <summary>Source, encryption configuration, failure description and other members, as JSON.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalMembers { get; init; }
}
