using System.Text.Json.Serialization;

namespace Orleans.Kinesis.Client.Json;

/// <summary>The body of an AWS JSON error: <c>{"__type": "…", "message": "…"}</c> (some services say <c>Message</c>).</summary>
internal sealed record AwsErrorBody
{
    [JsonPropertyName("__type")]
    public string? Type { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("Message")]
    public string? MessageUpper { get; init; }
}
