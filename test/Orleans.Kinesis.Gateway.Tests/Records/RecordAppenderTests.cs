using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Gateway.Encryption;
using Orleans.Kinesis.Gateway.Records;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Records;

namespace Orleans.Kinesis.Gateway.Tests.Records;

public sealed class RecordAppenderTests
{
    private const string Stream = "s";
    private const long CreatedMs = 1_700_000_000_000;
    private static readonly UInt128 Half = UInt128.One << 127;

    private readonly FakeGrainFactory _registry;
    private readonly IGrainFactory _grains;
    private readonly FakeStreamGrain _stream = new();
    private readonly FakeShardGrain _parent = new();
    private readonly FakeShardGrain _lower = new();
    private readonly FakeShardGrain _upper = new();
    private readonly RecordAppender _appender;

    public RecordAppenderTests()
    {
        _grains = FakeGrainFactory.Create(out _registry);
        _registry.Add(Stream, _stream);
        _registry.Add(StreamStorage.ShardKey(Stream, CreatedMs, 0), _parent);
        _registry.Add(StreamStorage.ShardKey(Stream, CreatedMs, 1), _lower);
        _registry.Add(StreamStorage.ShardKey(Stream, CreatedMs, 2), _upper);
        var resolver = new StreamResolver(_grains, Options.Create(new KinesisServiceOptions()), TimeProvider.System);
        _appender = new RecordAppender(_grains, resolver, NullLogger<RecordAppender>.Instance);
    }

    [Fact]
    public async Task Entries_for_a_shard_closed_since_the_routing_was_cached_are_routed_again_to_its_children()
    {
        _stream.Snapshot = Snapshot(new ShardDescriptor(0, HashKeyRange.All, null, null, CreatedMs, null));
        var routing = await _appender.GetWritableAsync(Stream);
        _parent.Closed = true;
        _stream.Snapshot = Snapshot(
            new ShardDescriptor(0, HashKeyRange.All, null, null, CreatedMs, 5),
            new ShardDescriptor(1, new HashKeyRange(UInt128.Zero, Half - 1), 0, null, CreatedMs, null),
            new ShardDescriptor(2, new HashKeyRange(Half, UInt128.MaxValue), 0, null, CreatedMs, null));
        var outcomes = new AppendOutcome[3];

        var failed = await _appender.AppendAsync(routing, Request("1", Half.ToString(), "5"), outcomes);

        Assert.Equal(0, failed);
        Assert.Equal(["shardId-000000000001", "shardId-000000000002", "shardId-000000000001"], outcomes.Select(o => Encoding.UTF8.GetString(o.ShardIdUtf8!)));
        Assert.Equal(2, _lower.Appended);
        Assert.Equal(1, _upper.Appended);
        Assert.Equal(1, outcomes[0].SequenceNumber.ShardIndex);
    }

    [Fact]
    public async Task Entries_still_routed_to_a_closed_shard_after_one_refresh_fail_as_internal_failures()
    {
        _stream.Snapshot = Snapshot(new ShardDescriptor(0, HashKeyRange.All, null, null, CreatedMs, null));
        var routing = await _appender.GetWritableAsync(Stream);
        _parent.Closed = true; // the stream grain has not published the new shard map yet
        var outcomes = new AppendOutcome[2];

        var failed = await _appender.AppendAsync(routing, Request("1", "2"), outcomes);

        Assert.Equal(2, failed);
        Assert.All(outcomes, o => Assert.Equal(KinesisErrors.InternalFailure, o.Error!.ErrorType));
        Assert.Equal(2, _stream.SnapshotCalls);
    }

    [Fact]
    public async Task Entries_of_an_encrypted_stream_go_to_the_shard_in_the_clear_naming_the_key_it_seals_them_with()
    {
        const string keyArn = "arn:aws:kms:us-east-1:000000000000:alias/aws/kinesis";
        _stream.Snapshot = Snapshot(new ShardDescriptor(0, HashKeyRange.All, null, null, CreatedMs, null)) with
        {
            EncryptionType = "KMS",
            EncryptionKeys = ["arn:aws:kms:us-east-1:000000000000:key/old", keyArn],
            EncryptionKeySlot = 1,
        };
        var routing = await _appender.GetWritableAsync(Stream);
        var outcomes = new AppendOutcome[1];

        await _appender.AppendAsync(routing, Request("1"), outcomes);

        var append = _parent.Last!;
        Assert.Equal(1, append.EncryptionKeySlot);
        Assert.Equal(keyArn, append.EncryptionKeyArn);
        Assert.Equal("d", Encoding.UTF8.GetString(append.Records[0].Data.Span));
        Assert.Equal(0, append.Records[0].Flags);
        Assert.True(outcomes[0].Encrypted);
    }

    private static StreamSnapshot Snapshot(params ShardDescriptor[] shards)
        => new(Stream, "arn:aws:kinesis:us-east-1:000000000000:stream/s", StreamStatus.Active, StreamMode.Provisioned, CreatedMs, 7, 24, 1024, "NONE", null,
            shards, new Dictionary<string, string>(), [], 1);

    private static PutRecordsRequest Request(params string[] explicitHashKeys)
        => new()
        {
            StreamName = Stream,
            Entries = [.. explicitHashKeys.Select(k => new PutEntry { PartitionKey = "pk"u8.ToArray(), Data = "d"u8.ToArray(), ExplicitHashKey = k, HasPartitionKey = true, HasData = true })],
            Count = explicitHashKeys.Length,
        };
}
