namespace Orleans.Kinesis.Actors.Tests.Grains;

public sealed record ProfileSnapshot(string? Name, int Version, string? Etag, bool RecordExists);
