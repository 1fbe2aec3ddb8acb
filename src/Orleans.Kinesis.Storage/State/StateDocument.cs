namespace Orleans.Kinesis.Storage.State;

/// <summary>A stored state document and its ETag.</summary>
internal sealed record StateDocument(ReadOnlyMemory<byte> Data, string Etag);
