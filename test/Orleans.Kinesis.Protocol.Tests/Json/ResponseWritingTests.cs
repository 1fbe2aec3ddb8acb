using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Orleans.Kinesis.Protocol.Json;

namespace Orleans.Kinesis.Protocol.Tests.Json;

public sealed class ResponseWritingTests
{
    [Theory]
    [InlineData(1705320000123L, "1705320000.123")]
    [InlineData(1705320000000L, "1705320000.000")]
    [InlineData(1705320000001L, "1705320000.001")]
    [InlineData(1705320000010L, "1705320000.010")]
    [InlineData(0L, "0.000")]
    [InlineData(5L, "0.005")]
    [InlineData(999L, "0.999")]
    public void WriteEpochSeconds_writes_seconds_with_a_three_digit_millisecond_fraction(long epochMs, string expected)
    {
        Assert.Equal("{\"T\":" + expected + "}", Write(epochMs));
    }

    [Theory]
    [InlineData(-1L, "-0.001")]
    [InlineData(-999L, "-0.999")]
    [InlineData(-1000L, "-1.000")]
    [InlineData(-1500L, "-1.500")]
    public void WriteEpochSeconds_writes_times_before_the_epoch_as_negative_seconds(long epochMs, string expected)
    {
        Assert.Equal("{\"T\":" + expected + "}", Write(epochMs));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(1705320000123L)]
    [InlineData(long.MaxValue)]
    public void WriteEpochSeconds_value_parses_back_to_the_same_milliseconds(long epochMs)
    {
        Assert.Equal(epochMs, ParseBack(Write(epochMs)));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(-86_400_001L)]
    [InlineData(long.MinValue + 1000)]
    public void WriteEpochSeconds_value_before_the_epoch_parses_back_to_the_same_milliseconds(long epochMs)
    {
        Assert.Equal(epochMs, ParseBack(Write(epochMs)));
    }

    private static long ParseBack(string json)
    {
        using var document = JsonDocument.Parse(json);
        var seconds = decimal.Parse(document.RootElement.GetProperty("T").GetRawText(), CultureInfo.InvariantCulture);
        return (long)(seconds * 1000m);
    }

    private static string Write(long epochMs)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, ResponseWriting.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteEpochSeconds("T"u8, epochMs);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
