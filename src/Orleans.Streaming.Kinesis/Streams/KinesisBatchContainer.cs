using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Streaming.Kinesis.Streams;

/// <summary>One Kinesis user record on its way to the Orleans stream named by its partition key.</summary>
[GenerateSerializer]
[Immutable]
[Alias("Orleans.Streaming.Kinesis.KinesisBatchContainer")]
internal sealed class KinesisBatchContainer(StreamId streamId, KinesisStreamRecord record, EventSequenceTokenV2 token) : IBatchContainer
{
    [Id(0)]
    public StreamId StreamId { get; } = streamId;

    [Id(1)]
    public KinesisStreamRecord Record { get; } = record;

    [Id(2)]
    public EventSequenceTokenV2 Token { get; } = token;

    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        if (EventCodec.TryDecode<T>(Record, out var value))
        {
            yield return Tuple.Create<T, StreamSequenceToken>(value, Token);
        }
    }

    public bool ImportRequestContext() => false;

    public override string ToString() => $"[Kinesis {Record.ShardId} {Record.SequenceNumber}/{Record.SubSequenceNumber} → {StreamId}]";
}
