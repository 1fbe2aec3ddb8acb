using System.Security.Cryptography;
using System.Text;
using Orleans.Kinesis.Client.Aggregation;
using Orleans.Kinesis.Client.Model;

namespace Orleans.Kinesis.Client.Tests.Aggregation;

/// <summary>The KPL aggregated record format (spec a.2), checked against bytes built by hand in this test.</summary>
[Trait("Suite", "Aggregation")]
public sealed class AggregatedRecordFormatTests
{
    [Fact]
    public void Encode_TwoRecords_MatchesHandBuiltKplBytes()
    {
        var records = new List<UserRecordData>
        {
            new("pk", null, "hi"u8.ToArray()),
            new("pk", "42", new byte[] { 0x00, 0xFF }),
        };

        var encoded = AggregatedRecordFormat.Encode(records);

        // AggregatedRecord: partition_key_table[0] = "pk" (0x0A), explicit_hash_key_table[0] = "42" (0x12),
        // records (0x1A) = { partition_key_index (0x08) = 0, [explicit_hash_key_index (0x10) = 0], data (0x1A) }.
        byte[] protobuf =
        [
            0x0A, 0x02, (byte)'p', (byte)'k',
            0x12, 0x02, (byte)'4', (byte)'2',
            0x1A, 0x06, 0x08, 0x00, 0x1A, 0x02, (byte)'h', (byte)'i',
            0x1A, 0x08, 0x08, 0x00, 0x10, 0x00, 0x1A, 0x02, 0x00, 0xFF,
        ];
        byte[] expected = [0xF3, 0x89, 0x9A, 0xC2, .. protobuf, .. MD5.HashData(protobuf)];
        Assert.Equal(expected, encoded);
        Assert.Equal(protobuf.Length + 20, encoded.Length);
    }

    [Fact]
    public void TryDecode_HandBuiltAggregate_YieldsRecordsInOrder()
    {
        byte[] protobuf =
        [
            0x0A, 0x01, (byte)'a', 0x0A, 0x01, (byte)'b',
            0x1A, 0x05, 0x08, 0x01, 0x1A, 0x01, (byte)'x',
            0x1A, 0x05, 0x08, 0x00, 0x1A, 0x01, (byte)'y',
            0x1A, 0x05, 0x08, 0x01, 0x1A, 0x01, (byte)'z',
        ];
        byte[] bytes = [0xF3, 0x89, 0x9A, 0xC2, .. protobuf, .. MD5.HashData(protobuf)];

        var users = AggregatedRecordFormat.TryDecode(bytes)!;

        Assert.Equal(["b", "a", "b"], users.Select(u => u.PartitionKey));
        Assert.Equal(["x", "y", "z"], users.Select(u => Encoding.ASCII.GetString(u.Data.Span)));
    }

    [Theory]
    [InlineData("no magic at all")]
    [InlineData("bad md5")]
    [InlineData("short")]
    public void TryDecode_NotAnAggregate_ReturnsNull(string kind)
    {
        byte[] protobuf = [0x0A, 0x01, (byte)'a', 0x1A, 0x05, 0x08, 0x00, 0x1A, 0x01, (byte)'x'];
        byte[] bytes = kind switch
        {
            "no magic at all" => [.. protobuf, .. MD5.HashData(protobuf), 0, 0, 0, 0],
            "bad md5" => [0xF3, 0x89, 0x9A, 0xC2, .. protobuf, .. new byte[16]],
            _ => [0xF3, 0x89, 0x9A, 0xC2, 1, 2],
        };

        Assert.Null(AggregatedRecordFormat.TryDecode(bytes));
    }

    [Fact]
    public void Deaggregate_PlainRecord_PassesThroughWithSubSequenceZero()
    {
        var record = new Model.Record { SequenceNumber = "7", Data = "plain"u8.ToArray(), PartitionKey = "k" };
        var user = Assert.Single(Deaggregator.Deaggregate(record));
        Assert.False(user.Aggregated);
        Assert.Equal(0, user.SubSequenceNumber);
        Assert.Equal("k", user.PartitionKey);
    }

    [Fact]
    public void Deaggregate_AggregateOutsideShardRange_IsDroppedWhole()
    {
        var data = AggregatedRecordFormat.Encode([new("a", "10", "1"u8.ToArray()), new("b", "500", "2"u8.ToArray())]);
        var record = new Model.Record { SequenceNumber = "7", Data = data, PartitionKey = "a" };

        Assert.Empty(Deaggregator.Deaggregate(record, new HashKeyRange { StartingHashKey = "0", EndingHashKey = "100" }));
        var all = Deaggregator.Deaggregate(record, new HashKeyRange { StartingHashKey = "0", EndingHashKey = "1000" });
        Assert.Equal([0L, 1L], all.Select(u => u.SubSequenceNumber));
        Assert.All(all, u => Assert.Equal("7", u.SequenceNumber));
    }

    [Fact]
    public void HashKey_OfPartitionKey_IsMd5BigEndian()
    {
        var md5 = MD5.HashData("customer-1"u8);
        var expected = System.Numerics.BigInteger.Parse("0" + Convert.ToHexString(md5), System.Globalization.NumberStyles.HexNumber);
        Assert.Equal(expected.ToString(), HashKeys.OfPartitionKey("customer-1").ToString());
    }
}
