using Orleans.Kinesis.Abstractions.Firehose;

namespace Orleans.Kinesis.Host.Tests.Firehose;

/// <summary>An in-process transform: reverses each record's bytes and drops empty records.</summary>
public sealed class ReverseTransform : IFirehoseTransform
{
    public Task<IReadOnlyList<TransformOutputRecord>> TransformAsync(TransformInvocation invocation, CancellationToken cancellationToken)
    {
        var output = new List<TransformOutputRecord>(invocation.Records.Count);
        foreach (var record in invocation.Records)
        {
            var data = record.Data.ToArray();
            Array.Reverse(data);
            output.Add(new TransformOutputRecord(record.RecordId, data.Length == 0 ? TransformOutputRecord.Dropped : TransformOutputRecord.Ok, data));
        }

        return Task.FromResult<IReadOnlyList<TransformOutputRecord>>(output);
    }
}
