using System.Buffers.Binary;
using System.Text;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;

namespace Orleans.Kinesis.Abstractions.Encryption;

/// <summary>
/// Where a sealed record lives, bound into its associated data: the log's folder (a stream incarnation, i.e. name and
/// creation time, or a delivery stream's buffer), the shard and, per record, its sequence number. The associated data
/// of an envelope (<see cref="RecordCipher.Version"/> 2) is
/// <c>[u8 2][u16 folder length][folder, UTF-8][u32 shard index][u128 sequence number][partition key]</c>, so a
/// ciphertext copied to another position, shard or stream no longer opens.
/// </summary>
public sealed class RecordScope
{
    private const int SequenceBytes = 16;
    private readonly byte[] _prefix;
    private readonly int _shardIndex;
    private readonly uint _sequenceTag;

    /// <param name="folder">The log's storage folder.</param>
    /// <param name="shardIndex">The shard (0 for a delivery stream's buffer).</param>
    /// <param name="sequenceTag">The stream incarnation's sequence tag (0 for a delivery stream's buffer).</param>
    public RecordScope(string folder, int shardIndex, uint sequenceTag)
    {
        var name = Encoding.UTF8.GetBytes(folder);
        _prefix = new byte[1 + 2 + name.Length + 4];
        _prefix[0] = RecordCipher.Version;
        BinaryPrimitives.WriteUInt16BigEndian(_prefix.AsSpan(1), checked((ushort)name.Length));
        name.CopyTo(_prefix, 3);
        BinaryPrimitives.WriteUInt32BigEndian(_prefix.AsSpan(3 + name.Length), (uint)shardIndex);
        _shardIndex = shardIndex;
        _sequenceTag = sequenceTag;
    }

    /// <summary>The scope of a Kinesis shard: its stream incarnation's folder and sequence tag.</summary>
    public static RecordScope ForShard(StreamSnapshot snapshot, int shardIndex)
        => new(snapshot.StorageFolder, shardIndex, snapshot.SequenceTag);

    /// <summary>The length of the associated data of a record with a partition key of <paramref name="partitionKeyLength"/> bytes.</summary>
    public int Length(int partitionKeyLength) => _prefix.Length + SequenceBytes + partitionKeyLength;

    /// <summary>Writes the associated data of the record at <paramref name="ordinal"/> (exactly <see cref="Length"/> bytes).</summary>
    public void Write(Span<byte> destination, long ordinal, ReadOnlySpan<byte> partitionKey)
    {
        _prefix.CopyTo(destination);
        var sequence = SequenceNumber.Create(_shardIndex, (ulong)ordinal + 1, _sequenceTag).Value;
        BinaryPrimitives.WriteUInt128BigEndian(destination[_prefix.Length..], sequence);
        partitionKey.CopyTo(destination[(_prefix.Length + SequenceBytes)..]);
    }
}
