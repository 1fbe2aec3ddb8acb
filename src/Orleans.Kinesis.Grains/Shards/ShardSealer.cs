using System.Globalization;
using Orleans.Kinesis.Abstractions.Encryption;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.Logs;

namespace Orleans.Kinesis.Grains.Shards;

/// <summary>
/// Seals a shard's records when its stream encrypts, at the sequence numbers the log is about to give them, so the
/// associated data binds stream incarnation, shard, sequence number and partition key. One AES-GCM instance per
/// append (as the gateway had per request); the data keys are cached by <see cref="RecordCipher"/>.
/// </summary>
internal sealed class ShardSealer(RecordCipher cipher)
{
    private RecordScope? _scope;

    /// <summary>
    /// Appends the records of <paramref name="append"/> to the log of the shard <paramref name="state"/> describes,
    /// sealed for the ordinals they get; the log refuses the append if its next ordinal moves in between.
    /// </summary>
    public LogAppend Append(IRecordLog log, ShardAppend append, ReadOnlySpan<RecordEntry> records, ShardGrainState state, long arrivalTimeMs)
    {
        _scope ??= Scope(state);
        using var key = new SealingKey(cipher.DataKey(state.StorageFolder, append.EncryptionKeyArn!), append.EncryptionKeySlot, _scope);
        var first = log.NextOrdinal;
        return log.Append(key.Seal(records, first, RecordFlags.Encrypted), arrivalTimeMs, first);
    }

    /// <summary>The shard's scope: its folder (<c>name.createdMs</c>), index and the incarnation's sequence tag.</summary>
    private static RecordScope Scope(ShardGrainState state)
    {
        var folder = state.StorageFolder;
        var createdMs = long.Parse(folder.AsSpan(folder.LastIndexOf('.') + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        return new RecordScope(folder, state.Index, SequenceNumber.ComputeStreamTag(state.StreamName, createdMs));
    }
}
