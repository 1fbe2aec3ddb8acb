using System.Globalization;
using System.Numerics;
using System.Text;
using Orleans.Kinesis.Abstractions.Ids;

namespace Orleans.Kinesis.Abstractions.Tests.Ids;

public sealed class SequenceNumberTests
{
    private const string MaxUInt128 = "340282366920938463463374607431768211455";

    [Fact]
    public void Create_places_marker_shard_counter_and_tag_in_their_bit_fields()
    {
        var number = SequenceNumber.Create(shardIndex: 5, counter: 0x0123_4567_89AB_CDEF, streamTag: 0xABCDEF);

        var expected = ((UInt128)0x02 << 120) | ((UInt128)5u << 88) | ((UInt128)0x0123_4567_89AB_CDEFul << 24) | 0xABCDEFu;
        Assert.Equal(expected, number.Value);
        Assert.True(number.HasMarker);
        Assert.Equal(5, number.ShardIndex);
        Assert.Equal(0x0123_4567_89AB_CDEFul, number.Counter);
        Assert.Equal(0xABCDEFu, number.StreamTag);
    }

    [Fact]
    public void Create_keeps_fields_apart_at_their_maximum_values()
    {
        var number = SequenceNumber.Create(int.MaxValue, ulong.MaxValue, 0xFFFFFF);

        Assert.True(number.HasMarker);
        Assert.Equal(int.MaxValue, number.ShardIndex);
        Assert.Equal(ulong.MaxValue, number.Counter);
        Assert.Equal(0xFFFFFFu, number.StreamTag);
    }

    [Fact]
    public void Create_masks_a_tag_wider_than_24_bits()
    {
        var number = SequenceNumber.Create(1, 2, 0xFF12_3456);

        Assert.Equal(0x123456u, number.StreamTag);
        Assert.Equal(2ul, number.Counter);
        Assert.Equal(1, number.ShardIndex);
    }

    [Fact]
    public void A_value_without_the_marker_byte_reports_no_marker()
    {
        Assert.False(new SequenceNumber(12345).HasMarker);
        Assert.False(new SequenceNumber(UInt128.MaxValue).HasMarker);
    }

    [Fact]
    public void Numbers_increase_strictly_with_the_counter()
    {
        const uint tag = 0x00ABCD;
        var previous = SequenceNumber.Create(3, 0, tag);
        foreach (var counter in new ulong[] { 1, 2, 3, 255, 256, 65_536, uint.MaxValue, (ulong)uint.MaxValue + 1, ulong.MaxValue - 1, ulong.MaxValue })
        {
            var next = SequenceNumber.Create(3, counter, tag);
            Assert.True(next > previous, $"counter {counter} must give a larger number");
            Assert.True(
                BigInteger.Parse(next.ToString(), CultureInfo.InvariantCulture) > BigInteger.Parse(previous.ToString(), CultureInfo.InvariantCulture),
                $"counter {counter} must give a larger decimal text");
            previous = next;
        }
    }

    [Fact]
    public void A_child_shard_with_a_higher_index_has_larger_numbers_than_every_parent_number()
    {
        var lastOfParent = SequenceNumber.Create(0, ulong.MaxValue, 0xFFFFFF);
        var firstOfChild = SequenceNumber.Create(1, 0, 0);

        Assert.True(firstOfChild > lastOfParent);
        Assert.True(firstOfChild.CompareTo(lastOfParent) > 0);
    }

    [Fact]
    public void Text_round_trips_through_format_and_parse()
    {
        var original = SequenceNumber.Create(7, 123_456_789, 0x00BEEF);

        var text = original.ToString();
        Assert.True(SequenceNumber.TryParse(text, out var parsed));

        Assert.Equal(original, parsed);
        Assert.Equal(((UInt128)0x02 << 120 | (UInt128)7u << 88 | (UInt128)123_456_789ul << 24 | 0x00BEEFu).ToString(CultureInfo.InvariantCulture), text);
    }

    [Fact]
    public void TryFormat_writes_the_same_digits_as_chars_and_as_utf8()
    {
        var number = SequenceNumber.Create(2, 99, 1);
        Span<char> chars = stackalloc char[SequenceNumber.MaxDigits];
        Span<byte> bytes = stackalloc byte[SequenceNumber.MaxDigits];

        Assert.True(number.TryFormat(chars, out var charCount));
        Assert.True(number.TryFormat(bytes, out var byteCount));

        Assert.Equal(number.ToString(), chars[..charCount].ToString());
        Assert.Equal(number.ToString(), Encoding.ASCII.GetString(bytes[..byteCount]));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("49590338271490256608559692538361571095")]
    [InlineData(MaxUInt128)]
    public void TryParse_accepts_decimal_text_that_fits_in_128_bits(string text)
    {
        Assert.True(SequenceNumber.TryParse(text, out var parsed));
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("01")]
    [InlineData("0001")]
    [InlineData("340282366920938463463374607431768211456")]
    [InlineData("1000000000000000000000000000000000000000")]
    [InlineData("49590338271490256608559692538361571095921575989136588898")]
    [InlineData("12a")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    public void TryParse_rejects_leading_zeros_overlong_or_non_digit_text(string text)
    {
        Assert.False(SequenceNumber.TryParse(text, out var parsed));
        Assert.Equal(default, parsed);
    }

    [Theory]
    [InlineData("orders", 1705320000123L, 6236744u)]
    [InlineData("orders", 0L, 10422511u)]
    [InlineData("", 0L, 14774782u)]
    public void ComputeStreamTag_is_a_stable_fnv1a_value(string name, long createdMs, uint expected)
    {
        // Expected values come from an independent FNV-1a computation (UTF-16 units, then the 8 time bytes, folded to 24 bits).
        Assert.Equal(expected, SequenceNumber.ComputeStreamTag(name, createdMs));
    }

    [Fact]
    public void ComputeStreamTag_stays_within_24_bits_and_tells_incarnations_apart()
    {
        var tags = new HashSet<uint>();
        for (var i = 0; i < 200; i++)
        {
            var tag = SequenceNumber.ComputeStreamTag("stream-" + i.ToString(CultureInfo.InvariantCulture), 1_700_000_000_000 + i);
            Assert.InRange(tag, 0u, 0xFFFFFFu);
            tags.Add(tag);
        }

        Assert.Equal(200, tags.Count);
        Assert.NotEqual(SequenceNumber.ComputeStreamTag("s", 1000), SequenceNumber.ComputeStreamTag("s", 1001));
        Assert.Equal(SequenceNumber.ComputeStreamTag("s", 1000), SequenceNumber.ComputeStreamTag("s", 1000));
    }
}
