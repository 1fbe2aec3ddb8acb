using System.Text;
using Orleans.Kinesis.Client.Aggregation;

namespace Orleans.Kinesis.Client.Producer;

/// <summary>A user record on its way: keys, data, deadlines, attempts and the caller's completion.</summary>
internal sealed class PendingUserRecord(string partitionKey, string? explicitHashKey, byte[] data, DateTimeOffset arrival, KinesisProducerOptions options)
{
    public string PartitionKey { get; } = partitionKey;

    public string? ExplicitHashKey { get; } = explicitHashKey;

    public byte[] Data { get; } = data;

    public UInt128 HashKey { get; } = HashKeys.Of(partitionKey, explicitHashKey);

    public int Size { get; } = data.Length + Encoding.UTF8.GetByteCount(partitionKey);

    public DateTimeOffset Arrival { get; } = arrival;

    public DateTimeOffset Deadline { get; set; } = arrival + options.RecordMaxBufferedTime;

    public DateTimeOffset Expiration { get; } = arrival + options.RecordTtl;

    /// <summary>When the current attempt started waiting (arrival, or the last failure).</summary>
    public DateTimeOffset AttemptStart { get; set; } = arrival;

    public List<Attempt> Attempts { get; } = [];

    public TaskCompletionSource<UserRecordResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public UserRecordData ToData() => new(PartitionKey, ExplicitHashKey, Data);
}
