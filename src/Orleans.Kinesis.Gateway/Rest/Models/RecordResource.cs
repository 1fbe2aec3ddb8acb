namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>A stored record; <see cref="Data"/> is base64.</summary>
public sealed record RecordResource(string SequenceNumber, string PartitionKey, DateTimeOffset? ArrivalTime, string Data, bool Encrypted);
