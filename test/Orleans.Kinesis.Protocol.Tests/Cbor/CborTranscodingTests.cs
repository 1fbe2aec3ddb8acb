using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Protocol.Cbor;

namespace Orleans.Kinesis.Protocol.Tests.Cbor;

public sealed class CborTranscodingTests
{
    [Fact]
    public void Request_ByteStringsBecomeBase64_AndTag1MillisecondsBecomeEpochSeconds()
    {
        // {"Data": h'000102', "Timestamp": 1(1705320000123), "Limit": 25, "Ok": true, "Nothing": null}
        byte[] cbor =
        [
            0xa5,
            0x64, .. "Data"u8, 0x43, 0x00, 0x01, 0x02,
            0x69, .. "Timestamp"u8, 0xc1, 0x1b, .. BigEndian(1_705_320_000_123),
            0x65, .. "Limit"u8, 0x18, 25,
            0x62, .. "Ok"u8, 0xf5,
            0x67, .. "Nothing"u8, 0xf6,
        ];

        var json = Transcode(cbor);

        Assert.Equal("AAEC", json["Data"]!.GetValue<string>());
        Assert.Equal("1705320000.123", json["Timestamp"]!.ToJsonString());
        Assert.Equal(25, json["Limit"]!.GetValue<int>());
        Assert.True(json["Ok"]!.GetValue<bool>());
        Assert.Null(json["Nothing"]);
    }

    [Fact]
    public void Request_IndefiniteLengthMapsArraysAndStrings_AreAccepted()
    {
        // {_ "Records": [_ {_ "PartitionKey": (_ "a", "b") } ] }
        byte[] cbor = [0xbf, 0x67, .. "Records"u8, 0x9f, 0xbf, 0x6c, .. "PartitionKey"u8, 0x7f, 0x61, (byte)'a', 0x61, (byte)'b', 0xff, 0xff, 0xff, 0xff];

        var json = Transcode(cbor);

        Assert.Equal("ab", json["Records"]![0]!["PartitionKey"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(new byte[] { 0xa1, 0x61 })]
    [InlineData(new byte[] { 0xa1, 0x01, 0x02 })]
    [InlineData(new byte[] { 0xa0, 0x00 })]
    [InlineData(new byte[] { 0x5f, 0x61, 0x41, 0xff })]
    public void Request_Malformed_IsSerializationException(byte[] cbor)
    {
        var error = Assert.Throws<KinesisException>(() => CborToJson.Transcode(cbor, new ArrayBufferWriter<byte>()));
        Assert.Equal(KinesisErrors.Serialization, error.ErrorType);
    }

    [Fact]
    public void Response_DataAndTimestampMembers_GetTheirCborEncodings()
    {
        var json = """{"Records":[{"Data":"AAEC","ApproximateArrivalTimestamp":1705320000.123,"PartitionKey":"k"}],"MillisBehindLatest":0}"""u8;
        var cbor = new ArrayBufferWriter<byte>();

        JsonToCbor.Transcode(json, cbor);
        var bytes = cbor.WrittenSpan.ToArray();

        Assert.True(Sequence(bytes, [0x43, 0x00, 0x01, 0x02])); // Data as a 3-byte byte string
        Assert.True(Sequence(bytes, [0xc1, 0x1b, .. BigEndian(1_705_320_000_123)])); // tag 1, integer ms
        var roundTrip = Transcode(bytes);
        Assert.Equal("AAEC", roundTrip["Records"]![0]!["Data"]!.GetValue<string>());
        Assert.Equal("1705320000.123", roundTrip["Records"]![0]!["ApproximateArrivalTimestamp"]!.ToJsonString());
        Assert.Equal(0, roundTrip["MillisBehindLatest"]!.GetValue<int>());
    }

    private static JsonNode Transcode(byte[] cbor)
    {
        var json = new ArrayBufferWriter<byte>();
        CborToJson.Transcode(cbor, json);
        return JsonNode.Parse(Encoding.UTF8.GetString(json.WrittenSpan))!;
    }

    private static byte[] BigEndian(long value)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    private static bool Sequence(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
