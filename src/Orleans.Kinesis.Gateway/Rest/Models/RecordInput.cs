using System.Text.Json;

namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>
/// A record to put: a partition key and exactly one of <see cref="Data"/> (base64), <see cref="Text"/> (stored as
/// UTF-8) or <see cref="Json"/> (any JSON value, stored as its UTF-8 text). POST one as the body, or many as
/// <c>{"records": [...]}</c>.
/// </summary>
public sealed record RecordInput(string? PartitionKey, string? Data, string? Text, JsonElement? Json, string? ExplicitHashKey);
