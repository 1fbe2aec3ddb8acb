using Orleans.Kinesis.Abstractions.Ids;

namespace Orleans.Kinesis.Abstractions.Tests.Ids;

public sealed class ShardIdTests
{
    [Theory]
    [InlineData(0, "shardId-000000000000")]
    [InlineData(1, "shardId-000000000001")]
    [InlineData(123456, "shardId-000000123456")]
    [InlineData(int.MaxValue, "shardId-002147483647")]
    public void ToString_writes_prefix_and_twelve_zero_padded_digits(int index, string expected)
    {
        Assert.Equal(expected, new ShardId(index).ToString());
    }

    [Fact]
    public void TryFormat_fails_without_writing_when_destination_is_too_small()
    {
        Span<char> small = stackalloc char[19];

        Assert.False(new ShardId(7).TryFormat(small, out var written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void Constructor_rejects_negative_index()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShardId(-1));
    }

    [Theory]
    [InlineData("shardId-000000000000", 0)]
    [InlineData("shardId-000000000017", 17)]
    [InlineData("shardId-5", 5)]
    [InlineData("shard-0", 0)]
    [InlineData("anything-0", 0)]
    [InlineData("-00002147483647", int.MaxValue)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("42", 42)]
    [InlineData("shardId-000000000003-suffix", 3)]
    [InlineData("a-9-b-c", 9)]
    public void TryParse_resolves_the_segment_after_the_first_dash_leniently(string text, int expected)
    {
        Assert.True(ShardId.TryParse(text, out var shardId));
        Assert.Equal(expected, shardId.Index);
    }

    [Theory]
    [InlineData("")]
    [InlineData("shardId-")]
    [InlineData("shardId-abc")]
    [InlineData("shardId-00000000000x")]
    [InlineData("shardId-+1")]
    [InlineData("shardId- 1")]
    [InlineData("shardId-1.0")]
    [InlineData("2147483648")]
    [InlineData("shardId-002147483648")]
    [InlineData("shardId-99999999999999999999999")]
    [InlineData("-")]
    [InlineData("--1")]
    public void TryParse_rejects_non_numeric_or_out_of_range_indices(string text)
    {
        Assert.False(ShardId.TryParse(text, out var shardId));
        Assert.Equal(default, shardId);
    }

    [Fact]
    public void TryParse_accepts_any_number_of_leading_zeros_within_the_shard_id_length_limit()
    {
        var text = "shardId-" + new string('0', 100) + "5";

        Assert.True(ShardId.TryParse(text, out var shardId));
        Assert.Equal(5, shardId.Index);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void Formatted_text_parses_back_to_the_same_shard(int index)
    {
        var original = new ShardId(index);

        Assert.True(ShardId.TryParse(original.ToString(), out var parsed));
        Assert.Equal(original, parsed);
    }

    [Fact]
    public void Shards_order_by_index()
    {
        Assert.True(new ShardId(1) < new ShardId(2));
        Assert.True(new ShardId(10).CompareTo(new ShardId(9)) > 0);
        Assert.Equal(new ShardId(3), new ShardId(3));
        Assert.NotEqual(new ShardId(3), new ShardId(4));
    }
}
