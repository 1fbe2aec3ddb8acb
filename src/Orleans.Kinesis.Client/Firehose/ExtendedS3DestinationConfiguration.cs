using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Kinesis.Client.Firehose;

/// <summary>The S3 destination (a blob container on Orleans.Kinesis); unmodelled members pass through as JSON.</summary>
public sealed record ExtendedS3DestinationConfiguration
{
    public string? RoleARN { get; init; }

    public string? BucketARN { get; init; }

    public string? Prefix { get; init; }

    public string? ErrorOutputPrefix { get; init; }

    public BufferingHints? BufferingHints { get; init; }

    public string? CompressionFormat { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalMembers { get; init; }
}
