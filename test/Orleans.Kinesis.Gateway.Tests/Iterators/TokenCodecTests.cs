using Microsoft.Extensions.Options;
using Orleans.Kinesis.Gateway.Iterators;

namespace Orleans.Kinesis.Gateway.Tests.Iterators;

public sealed class TokenCodecTests
{
    private static readonly ShardIteratorToken Sample = new("orders", 1_705_320_000_123, 7, 123_456_789_012, 1_705_320_100_000);

    [Fact]
    public void Iterator_round_trips_every_field()
    {
        var codec = NewCodec(1);

        Assert.True(codec.TryDecodeIterator(codec.EncodeIterator(Sample), out var decoded));

        Assert.Equal(Sample, decoded);
    }

    [Fact]
    public void Iterator_round_trips_extreme_values()
    {
        var codec = NewCodec(1);
        var token = new ShardIteratorToken("a", long.MinValue, int.MaxValue, long.MaxValue, -1);

        Assert.True(codec.TryDecodeIterator(codec.EncodeIterator(token), out var decoded));

        Assert.Equal(token, decoded);
    }

    [Fact]
    public void Every_iterator_string_differs_even_for_the_same_position()
    {
        var codec = NewCodec(1);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < 1000; i++)
        {
            Assert.True(seen.Add(codec.EncodeIterator(Sample)), $"iterator {i} repeated an earlier one");
        }
    }

    [Fact]
    public void Changing_any_byte_of_an_iterator_makes_it_invalid()
    {
        var codec = NewCodec(1);
        var bytes = Convert.FromBase64String(codec.EncodeIterator(Sample));

        for (var i = 0; i < bytes.Length; i++)
        {
            foreach (var mask in new byte[] { 0x01, 0x80, 0xFF })
            {
                var tampered = (byte[])bytes.Clone();
                tampered[i] ^= mask;
                Assert.False(codec.TryDecodeIterator(Convert.ToBase64String(tampered), out _), $"byte {i} xor {mask} was accepted");
            }
        }
    }

    [Fact]
    public void Truncated_or_extended_iterators_are_invalid()
    {
        var codec = NewCodec(1);
        var bytes = Convert.FromBase64String(codec.EncodeIterator(Sample));

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(codec.TryDecodeIterator(Convert.ToBase64String(bytes, 0, length), out _), $"prefix of {length} bytes was accepted");
        }

        Assert.False(codec.TryDecodeIterator(Convert.ToBase64String([.. bytes, 0]), out _));
    }

    [Fact]
    public void An_iterator_signed_with_another_key_is_invalid()
    {
        var iterator = NewCodec(1).EncodeIterator(Sample);

        Assert.False(NewCodec(2).TryDecodeIterator(iterator, out _));
    }

    [Fact]
    public void Codecs_with_the_same_key_accept_each_others_iterators()
    {
        Assert.True(NewCodec(3).TryDecodeIterator(NewCodec(3).EncodeIterator(Sample), out var decoded));
        Assert.Equal(Sample, decoded);
    }

    [Fact]
    public void A_short_configured_key_is_replaced_by_a_random_one()
    {
        var options = Options.Create(new GatewayOptions { TokenKey = new byte[15] });
        var iterator = new TokenCodec(options).EncodeIterator(Sample);

        Assert.False(new TokenCodec(options).TryDecodeIterator(iterator, out _));
    }

    [Fact]
    public void An_iterator_wrapped_in_literal_quotes_is_accepted()
    {
        var codec = NewCodec(1);

        Assert.True(codec.TryDecodeIterator("\"" + codec.EncodeIterator(Sample) + "\"", out var decoded));

        Assert.Equal(Sample, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"")]
    [InlineData("\"\"")]
    [InlineData("not base64!")]
    [InlineData("AAAAAAAAAAE=")]
    public void Garbage_is_not_an_iterator(string text)
    {
        Assert.False(NewCodec(1).TryDecodeIterator(text, out var token));
        Assert.Equal(default, token);
    }

    [Fact]
    public void Very_long_input_is_rejected_without_failing()
    {
        Assert.False(NewCodec(1).TryDecodeIterator(Convert.ToBase64String(new byte[4096]), out _));
    }

    [Fact]
    public void An_iterator_for_a_128_character_stream_name_fits_in_512_characters()
    {
        var codec = NewCodec(1);
        var token = Sample with { StreamName = new string('s', 128), Ordinal = long.MaxValue, ShardIndex = int.MaxValue };

        var iterator = codec.EncodeIterator(token);

        Assert.InRange(iterator.Length, 1, 512);
        Assert.True(codec.TryDecodeIterator(iterator, out var decoded));
        Assert.Equal(token, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("orders|shardId-000000000003|1705320000123")]
    [InlineData("é😀|x")]
    public void Text_tokens_round_trip(string text)
    {
        var codec = NewCodec(1);

        Assert.True(codec.TryDecodeText(codec.EncodeText(text), out var decoded));

        Assert.Equal(text, decoded);
    }

    [Fact]
    public void Text_tokens_reject_tampering_another_key_and_garbage()
    {
        var codec = NewCodec(1);
        var bytes = Convert.FromBase64String(codec.EncodeText("a|b|1"));

        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x01;
            Assert.False(codec.TryDecodeText(Convert.ToBase64String(tampered), out _), $"byte {i} was accepted");
        }

        Assert.False(NewCodec(2).TryDecodeText(codec.EncodeText("a|b|1"), out _));
        Assert.False(codec.TryDecodeText("%%%", out _));
        Assert.False(codec.TryDecodeText("", out _));
    }

    internal static TokenCodec NewCodec(byte keySeed)
    {
        var key = new byte[32];
        for (var i = 0; i < key.Length; i++)
        {
            key[i] = (byte)(keySeed + (i * 7));
        }

        return new TokenCodec(Options.Create(new GatewayOptions { TokenKey = key }));
    }
}
