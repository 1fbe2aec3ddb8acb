namespace Orleans.Kinesis.Benchmarks;

/// <summary>What the harness needs from one GetRecords response.</summary>
internal readonly record struct GetRecordsPage(int Records, long DataBytes, string? NextShardIterator, long? MillisBehindLatest);
