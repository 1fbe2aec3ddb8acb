using Orleans.Kinesis.Client.Aggregation;
using Orleans.Kinesis.Client.Model;

namespace Orleans.Kinesis.Client.Producer;

/// <summary>
/// A Kinesis record ready to send: one user record as is, or several as a KPL aggregate with partition key
/// <c>"a"</c> and the first user record's hash key as explicit hash key (spec a.2).
/// </summary>
internal sealed class PendingKinesisRecord
{
    public PendingKinesisRecord(List<PendingUserRecord> users, string? predictedShard, TimeSpan deadlineExtension)
    {
        Users = users;
        PredictedShard = predictedShard;
        var first = users[0];
        Entry = users.Count == 1
            ? new PutRecordsRequestEntry { Data = first.Data, PartitionKey = first.PartitionKey, ExplicitHashKey = first.ExplicitHashKey }
            : new PutRecordsRequestEntry
            {
                Data = AggregatedRecordFormat.Encode(users.ConvertAll(static u => u.ToData())),
                PartitionKey = "a",
                ExplicitHashKey = HashKeys.Format(first.HashKey),
            };
        Size = Entry.Data.Length + Entry.PartitionKey.Length;
        Deadline = users.Min(static u => u.Deadline) + deadlineExtension;
        Expiration = users.Min(static u => u.Expiration);
    }

    public List<PendingUserRecord> Users { get; }

    public string? PredictedShard { get; }

    public PutRecordsRequestEntry Entry { get; }

    public int Size { get; }

    public DateTimeOffset Deadline { get; }

    public DateTimeOffset Expiration { get; }

    public bool Aggregated => Users.Count > 1;
}
