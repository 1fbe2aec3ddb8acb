namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>A record accepted by a delivery stream.</summary>
public sealed record FirehosePutResult(string RecordId, bool Encrypted);
