using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Orleans.Kinesis.Protocol.EventStream;

namespace Orleans.Kinesis.Protocol.Tests.EventStream;

public sealed class EventStreamFramingTests
{
    /// <summary>The worked example of spec §6.3: the initial-response event with payload <c>{}</c>.</summary>
    private const string SpecInitialResponse =
        "00000068" + "00000056" + "4e681724"
        + "0d" + "3a6d6573736167652d74797065" + "07" + "0005" + "6576656e74"
        + "0b" + "3a6576656e742d74797065" + "07" + "0010" + "696e697469616c2d726573706f6e7365"
        + "0d" + "3a636f6e74656e742d74797065" + "07" + "0010" + "6170706c69636174696f6e2f6a736f6e"
        + "7b7d"
        + "fe942c1d";

    [Fact]
    public void Crc32_matches_the_zlib_check_value()
    {
        Assert.Equal(0xCBF43926u, EventStreamCrc32.Compute("123456789"u8));
        Assert.Equal(0u, EventStreamCrc32.Compute([]));
        Assert.Equal(EventStreamCrc32.Compute("123456789"u8), EventStreamCrc32.Append(EventStreamCrc32.Compute("1234"u8), "56789"u8));
    }

    [Fact]
    public void InitialResponse_is_encoded_byte_for_byte_as_in_the_spec_example()
    {
        var output = new ArrayBufferWriter<byte>();
        EventStreamWriter.WriteEvent(output, EventStreamTokens.InitialResponse, "{}"u8);

        Assert.Equal(SpecInitialResponse, Convert.ToHexStringLower(output.WrittenSpan));
        Assert.Equal(104, output.WrittenCount);
    }

    [Fact]
    public void Spec_example_decodes_to_its_headers_and_payload()
    {
        var message = Assert.Single(EventStreamReader.ReadAll(Convert.FromHexString(SpecInitialResponse)));

        Assert.Equal("event", message.Header(":message-type"));
        Assert.Equal("initial-response", message.Header(":event-type"));
        Assert.Equal("application/json", message.Header(":content-type"));
        Assert.Equal("{}", Encoding.UTF8.GetString(message.Payload));
    }

    [Fact]
    public void Exception_message_round_trips_with_its_type_and_payload()
    {
        var output = new ArrayBufferWriter<byte>();
        EventStreamWriter.WriteException(output, "ResourceInUseException"u8, """{"message":"taken over"}"""u8);

        var message = Assert.Single(EventStreamReader.ReadAll(output.WrittenMemory));
        Assert.Equal("exception", message.Header(":message-type"));
        Assert.Equal("ResourceInUseException", message.Header(":exception-type"));
        Assert.Equal("application/json", message.Header(":content-type"));
        Assert.Equal("""{"message":"taken over"}""", Encoding.UTF8.GetString(message.Payload));
        Assert.Equal(output.WrittenCount, BinaryPrimitives.ReadInt32BigEndian(output.WrittenSpan));
    }

    [Fact]
    public void Messages_split_at_any_byte_are_read_once_whole()
    {
        var output = new ArrayBufferWriter<byte>();
        EventStreamWriter.WriteEvent(output, EventStreamTokens.InitialResponse, "{}"u8);
        EventStreamWriter.WriteEvent(output, EventStreamTokens.SubscribeToShardEvent, """{"Records":[],"MillisBehindLatest":0}"""u8);
        var bytes = output.WrittenMemory;

        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var partial = new ReadOnlySequence<byte>(bytes[..cut]);
            var count = 0;
            while (EventStreamReader.TryRead(ref partial, out _))
            {
                count++;
            }

            Assert.Equal(cut < 104 ? 0 : cut < bytes.Length ? 1 : 2, count);
        }
    }

    [Fact]
    public void A_flipped_bit_anywhere_is_detected()
    {
        var bytes = Convert.FromHexString(SpecInitialResponse);
        for (var i = 0; i < bytes.Length; i++)
        {
            var corrupt = (byte[])bytes.Clone();
            corrupt[i] ^= 0x10;
            Assert.ThrowsAny<Exception>(() => EventStreamReader.ReadAll(corrupt));
        }
    }
}
