using System.Globalization;
using System.Text;
using Orleans.Kinesis.Abstractions.Ids;

namespace Orleans.Kinesis.Abstractions.Tests.Ids;

public sealed class HashKeyRangeTests
{
    private static readonly UInt128 Max = UInt128.Parse("340282366920938463463374607431768211455", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(1000)]
    public void EvenSplit_ranges_are_contiguous_and_cover_the_whole_key_space(int count)
    {
        var ranges = HashKeyRange.EvenSplit(count);

        Assert.Equal(count, ranges.Length);
        Assert.Equal(UInt128.Zero, ranges[0].Start);
        Assert.Equal(Max, ranges[^1].End);
        for (var i = 0; i < count; i++)
        {
            Assert.True(ranges[i].Start <= ranges[i].End, $"range {i} must not be empty");
            if (i > 0)
            {
                Assert.Equal(ranges[i - 1].End + 1, ranges[i].Start);
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(1000)]
    public void EvenSplit_starts_shard_i_at_i_times_floor_of_two_to_the_128_over_n(int count)
    {
        var width = (UInt128)(System.Numerics.BigInteger.Pow(2, 128) / count);
        var ranges = HashKeyRange.EvenSplit(count);

        for (var i = 0; i < count; i++)
        {
            Assert.Equal(width * (UInt128)i, ranges[i].Start);
        }
    }

    [Fact]
    public void EvenSplit_of_two_splits_at_the_spec_value()
    {
        var ranges = HashKeyRange.EvenSplit(2);

        Assert.Equal("170141183460469231731687303715884105728", ranges[1].Start.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("170141183460469231731687303715884105727", ranges[0].End.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void EvenSplit_of_three_ends_ranges_at_the_spec_values()
    {
        var ends = Array.ConvertAll(HashKeyRange.EvenSplit(3), r => r.End.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(
            ["113427455640312821154458202477256070484", "226854911280625642308916404954512140969", "340282366920938463463374607431768211455"],
            ends);
    }

    [Fact]
    public void EvenSplit_of_four_steps_by_the_spec_value()
    {
        var step = UInt128.Parse("85070591730234615865843651857942052864", CultureInfo.InvariantCulture);
        var ranges = HashKeyRange.EvenSplit(4);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(step * (UInt128)i, ranges[i].Start);
        }

        Assert.Equal(step - 1, ranges[0].End);
    }

    [Fact]
    public void EvenSplit_of_one_is_the_whole_space()
    {
        Assert.Equal([HashKeyRange.All], HashKeyRange.EvenSplit(1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void EvenSplit_rejects_fewer_than_one_shard(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HashKeyRange.EvenSplit(count));
    }

    [Theory]
    [InlineData("a", "16955237001963240173058271559858726497")]
    [InlineData("pk1", "329398341438914906102347661116985167824")]
    public void HashPartitionKey_is_md5_read_as_big_endian_uint128(string key, string expected)
    {
        Assert.Equal(expected, HashKeyRange.HashPartitionKey(Encoding.UTF8.GetBytes(key)).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Contains_includes_both_ends()
    {
        var range = new HashKeyRange(10, 20);

        Assert.True(range.Contains(10));
        Assert.True(range.Contains(20));
        Assert.False(range.Contains(9));
        Assert.False(range.Contains(21));
    }
}
