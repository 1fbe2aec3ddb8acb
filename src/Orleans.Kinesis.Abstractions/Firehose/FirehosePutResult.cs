namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>The record ids of an accepted put, in request order, and whether server-side encryption applied.</summary>
[GenerateSerializer, Immutable, Alias("kinesis.FirehosePutResult")]
public sealed record FirehosePutResult(string[] RecordIds, bool Encrypted);
