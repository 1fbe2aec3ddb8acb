using System.Security.Cryptography;
using Google.Protobuf;

namespace Orleans.Kinesis.Client.Aggregation;

/// <summary>
/// The KPL aggregated record: magic <c>F3 89 9A C2</c>, a proto2 <c>AggregatedRecord</c> (partition-key table = 1,
/// explicit-hash-key table = 2, records = 3 {partition_key_index = 1, explicit_hash_key_index = 2, data = 3}),
/// then the MD5 of the protobuf bytes. Written and read with Google.Protobuf's coded streams.
/// </summary>
public static class AggregatedRecordFormat
{
    /// <summary>Magic bytes + MD5 trailer.</summary>
    public const int Overhead = 20;

    public static ReadOnlySpan<byte> Magic => [0xF3, 0x89, 0x9A, 0xC2];

    /// <summary>Encodes <paramref name="records"/> (deduplicating identical keys in the tables).</summary>
    public static byte[] Encode(IReadOnlyList<UserRecordData> records)
    {
        var partitionKeys = new Dictionary<string, int>(StringComparer.Ordinal);
        var hashKeys = new Dictionary<string, int>(StringComparer.Ordinal);
        var indexes = new (int PartitionKey, int HashKey)[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            indexes[i] = (IndexOf(partitionKeys, records[i].PartitionKey), records[i].ExplicitHashKey is { } ehk ? IndexOf(hashKeys, ehk) : -1);
        }

        using var body = new MemoryStream(EstimateSize(records));
        var output = new CodedOutputStream(body, leaveOpen: true);
        WriteTable(output, 1, partitionKeys);
        WriteTable(output, 2, hashKeys);
        for (var i = 0; i < records.Count; i++)
        {
            var data = records[i].Data.Span;
            var size = 1 + CodedOutputStream.ComputeUInt64Size((ulong)indexes[i].PartitionKey)
                + (indexes[i].HashKey >= 0 ? 1 + CodedOutputStream.ComputeUInt64Size((ulong)indexes[i].HashKey) : 0)
                + 1 + CodedOutputStream.ComputeLengthSize(data.Length) + data.Length;
            output.WriteTag(3, WireFormat.WireType.LengthDelimited);
            output.WriteLength(size);
            output.WriteTag(1, WireFormat.WireType.Varint);
            output.WriteUInt64((ulong)indexes[i].PartitionKey);
            if (indexes[i].HashKey >= 0)
            {
                output.WriteTag(2, WireFormat.WireType.Varint);
                output.WriteUInt64((ulong)indexes[i].HashKey);
            }

            output.WriteTag(3, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(UnsafeByteOperations.UnsafeWrap(records[i].Data));
        }

        output.Flush();
        var protobuf = body.GetBuffer().AsSpan(0, (int)body.Length);
        var result = new byte[4 + protobuf.Length + 16];
        Magic.CopyTo(result);
        protobuf.CopyTo(result.AsSpan(4));
        MD5.HashData(protobuf, result.AsSpan(4 + protobuf.Length));
        return result;
    }

    /// <summary>
    /// The user records of an aggregated record, or null when <paramref name="data"/> is not one (no magic, too short,
    /// MD5 mismatch, or a protobuf that does not parse): such a record is a single, non-aggregated user record.
    /// </summary>
    public static List<UserRecordData>? TryDecode(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        if (span.Length < Overhead + 1 || !span[..4].SequenceEqual(Magic))
        {
            return null;
        }

        var protobuf = data[4..^16];
        Span<byte> digest = stackalloc byte[16];
        MD5.HashData(protobuf.Span, digest);
        if (!digest.SequenceEqual(span[^16..]))
        {
            return null;
        }

        try
        {
            return Parse(protobuf);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>A safe upper bound of the encoded size of one more record with these keys.</summary>
    public static int EstimateRecordSize(string partitionKey, string? explicitHashKey, int dataLength)
        => (partitionKey.Length * 3) + 12 + (explicitHashKey is null ? 0 : explicitHashKey.Length + 12) + dataLength + 16;

    private static List<UserRecordData> Parse(ReadOnlyMemory<byte> protobuf)
    {
        var input = new CodedInputStream(protobuf.ToArray());
        var partitionKeys = new List<string>();
        var hashKeys = new List<string>();
        var raw = new List<(ulong PartitionKey, ulong? HashKey, ByteString Data)>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    partitionKeys.Add(input.ReadString());
                    break;
                case 2 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    hashKeys.Add(input.ReadString());
                    break;
                case 3 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    raw.Add(ParseRecord(input.ReadBytes()));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        var records = new List<UserRecordData>(raw.Count);
        foreach (var (pk, ehk, bytes) in raw)
        {
            if (pk >= (ulong)partitionKeys.Count || (ehk is { } e && e >= (ulong)hashKeys.Count))
            {
                throw new InvalidDataException("A record refers to a key-table entry that does not exist.");
            }

            records.Add(new UserRecordData(partitionKeys[(int)pk], ehk is { } h ? hashKeys[(int)h] : null, bytes.Memory));
        }

        return records;
    }

    private static (ulong, ulong?, ByteString) ParseRecord(ByteString message)
    {
        var input = message.CreateCodedInput();
        ulong? partitionKey = null, hashKey = null;
        ByteString? data = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint:
                    partitionKey = input.ReadUInt64();
                    break;
                case 2 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint:
                    hashKey = input.ReadUInt64();
                    break;
                case 3 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    data = input.ReadBytes();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return partitionKey is null || data is null
            ? throw new InvalidDataException("A record lacks a required field.")
            : (partitionKey.Value, hashKey, data);
    }

    private static int IndexOf(Dictionary<string, int> table, string key)
    {
        if (!table.TryGetValue(key, out var index))
        {
            index = table.Count;
            table.Add(key, index);
        }

        return index;
    }

    private static void WriteTable(CodedOutputStream output, int field, Dictionary<string, int> table)
    {
        foreach (var (key, _) in table.OrderBy(e => e.Value))
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteString(key);
        }
    }

    private static int EstimateSize(IReadOnlyList<UserRecordData> records)
    {
        var size = 0;
        foreach (var record in records)
        {
            size += EstimateRecordSize(record.PartitionKey, record.ExplicitHashKey, record.Data.Length);
        }

        return size;
    }
}
