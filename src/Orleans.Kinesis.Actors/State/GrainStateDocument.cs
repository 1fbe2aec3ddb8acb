namespace Orleans.Kinesis.Actors.State;

/// <summary>A stored state document and its ETag.</summary>
public sealed record GrainStateDocument(ReadOnlyMemory<byte> Data, string Etag);
