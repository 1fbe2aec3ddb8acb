using Orleans.Kinesis.Client.Model;

namespace Orleans.Kinesis.Client.Aggregation;

/// <summary>
/// KCL de-aggregation (spec a.7): a KPL aggregate becomes its user records (sub-sequence numbers 0..n−1, same
/// sequence number); anything else passes through as one record with sub-sequence 0. With a shard range, an
/// aggregate holding any user record whose hash key is outside the range is dropped whole, as the KCL does.
/// </summary>
public static class Deaggregator
{
    public static List<KinesisClientRecord> Deaggregate(Record record, HashKeyRange? shardRange = null)
    {
        var users = AggregatedRecordFormat.TryDecode(record.Data);
        if (users is null)
        {
            return [new KinesisClientRecord(record.Data, record.PartitionKey, null, record.SequenceNumber, 0, record.ApproximateArrivalTimestamp, false, record.EncryptionType)];
        }

        if (shardRange is not null)
        {
            var start = HashKeys.Parse(shardRange.StartingHashKey);
            var end = HashKeys.Parse(shardRange.EndingHashKey);
            foreach (var user in users)
            {
                var key = HashKeys.Of(user.PartitionKey, user.ExplicitHashKey);
                if (key < start || key > end)
                {
                    return [];
                }
            }
        }

        var result = new List<KinesisClientRecord>(users.Count);
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i];
            result.Add(new KinesisClientRecord(user.Data, user.PartitionKey, user.ExplicitHashKey, record.SequenceNumber, i, record.ApproximateArrivalTimestamp, true, record.EncryptionType));
        }

        return result;
    }
}
