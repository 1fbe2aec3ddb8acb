using System.Runtime.InteropServices;
using System.Text;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Protocol.Records;

namespace Orleans.Kinesis.Protocol.Tests.Records;

public sealed class PutRecordsReaderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(57)]
    [InlineData(1000)]
    [InlineData(4097)]
    [InlineData(65_536)]
    [InlineData(1_048_576)]
    public void Data_stays_base64_in_the_body_and_decodes_to_the_original_bytes(int size)
    {
        var data = RandomBytes(size, seed: size);
        var body = Utf8("{\"StreamName\":\"s\",\"Records\":[{\"Data\":\"" + Convert.ToBase64String(data) + "\",\"PartitionKey\":\"pk\"}]}");

        var request = PutRecordsReader.ReadPutRecords(body, body.Length);

        var entry = Assert.Single(request.Entries.AsSpan(0, request.Count).ToArray());
        Assert.True(entry.HasData);
        Assert.Equal(size, entry.DataLength);
        Assert.Equal(data, Decoded(entry));
        if (size > 0)
        {
            Assert.True(MemoryMarshal.TryGetArray(entry.EncodedData, out var segment));
            Assert.Same(body, segment.Array);
        }

        Assert.Equal(size + 2, request.TotalBytes);
    }

    [Fact]
    public void Many_records_of_random_sizes_decode_to_their_original_bytes()
    {
        var random = new Random(1234);
        var records = new byte[500][];
        var json = new StringBuilder("{\"Records\":[");
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = RandomBytes(random.Next(0, 3000), seed: i);
            json.Append(i == 0 ? "" : ",")
                .Append("{\"PartitionKey\":\"k").Append(i).Append("\",\"Data\":\"").Append(Convert.ToBase64String(records[i])).Append("\"}");
        }

        var body = Utf8(json.Append("]}").ToString());

        var request = PutRecordsReader.ReadPutRecords(body, body.Length);

        Assert.True(request.HasRecords);
        Assert.Equal(records.Length, request.Count);
        long total = 0;
        for (var i = 0; i < records.Length; i++)
        {
            Assert.Equal(records[i], Decoded(request.Entries[i]));
            Assert.Equal("k" + i, Encoding.UTF8.GetString(request.Entries[i].PartitionKey.Span));
            total += records[i].Length + request.Entries[i].PartitionKey.Length;
        }

        Assert.Equal(total, request.TotalBytes);
    }

    [Fact]
    public void Only_the_given_length_of_the_buffer_is_read()
    {
        var json = Utf8("{\"Records\":[{\"Data\":\"QUJD\",\"PartitionKey\":\"p\"}]}");
        var body = new byte[json.Length + 100];
        json.CopyTo(body, 0);
        body.AsSpan(json.Length).Fill((byte)'x');

        var request = PutRecordsReader.ReadPutRecords(body, json.Length);

        Assert.Equal("ABC"u8.ToArray(), Decoded(request.Entries[0]));
    }

    [Fact]
    public void Base64_with_json_escapes_decodes_to_the_original_bytes()
    {
        var data = new byte[] { 0xFF, 0xFF, 0xFF, 0xFB, 0xEF, 0xBE, 0x00, 0x01 };
        var base64 = Convert.ToBase64String(data);
        Assert.Equal("////++++AAE=", base64);
        var escaped = base64.Replace("/", "\\/", StringComparison.Ordinal).Replace("+", "\\u002B", StringComparison.Ordinal).Replace("=", "\\u003d", StringComparison.Ordinal);
        var body = Utf8("{\"Records\":[{\"Data\":\"" + escaped + "\",\"PartitionKey\":\"p\"}]}");

        var request = PutRecordsReader.ReadPutRecords(body, body.Length);

        Assert.Equal(data, Decoded(request.Entries[0]));
    }

    [Theory]
    [InlineData("\"pk1\"", "pk1", 3)]
    [InlineData("\"caf\\u00e9\"", "café", 4)]
    [InlineData("\"café\"", "café", 4)]
    [InlineData("\"日本\"", "日本", 2)]
    [InlineData("\"\\u65e5\\u672c\"", "日本", 2)]
    [InlineData("\"😀\"", "😀", 2)]
    [InlineData("\"\\ud83d\\ude00\"", "😀", 2)]
    [InlineData("\"a\\\"b\\\\c\\/d\"", "a\"b\\c/d", 7)]
    [InlineData("\"\\t\"", "\t", 1)]
    public void Partition_keys_are_utf8_with_their_utf16_length(string jsonKey, string expected, int chars)
    {
        var body = Utf8("{\"Records\":[{\"PartitionKey\":" + jsonKey + ",\"Data\":\"\"}]}");

        var request = PutRecordsReader.ReadPutRecords(body, body.Length);

        var entry = request.Entries[0];
        Assert.True(entry.HasPartitionKey);
        Assert.Equal(expected, Encoding.UTF8.GetString(entry.PartitionKey.Span));
        Assert.Equal(chars, entry.PartitionKeyChars);
        Assert.Equal(Encoding.UTF8.GetByteCount(expected), request.TotalBytes);
    }

    [Fact]
    public void Long_non_ascii_partition_keys_count_utf16_units()
    {
        var key = string.Concat(Enumerable.Repeat("é😀", 100));
        var body = Utf8("{\"Records\":[{\"PartitionKey\":\"" + key + "\",\"Data\":\"\"}]}");

        var entry = PutRecordsReader.ReadPutRecords(body, body.Length).Entries[0];

        Assert.Equal(300, entry.PartitionKeyChars);
        Assert.Equal(600, entry.PartitionKey.Length);
    }

    [Fact]
    public void Unescaped_partition_keys_are_slices_of_the_request_buffer()
    {
        var body = Utf8("{\"Records\":[{\"PartitionKey\":\"key\",\"Data\":\"\"}]}");

        var entry = PutRecordsReader.ReadPutRecords(body, body.Length).Entries[0];

        Assert.True(MemoryMarshal.TryGetArray(entry.PartitionKey, out var segment));
        Assert.Same(body, segment.Array);
    }

    [Fact]
    public void Missing_and_null_members_are_absent()
    {
        var body = Utf8("""{"Records":[{},{"Data":null,"PartitionKey":null,"ExplicitHashKey":null},null,{"Unknown":{"Data":"QUJD"},"ExplicitHashKey":"123"}]}""");

        var request = PutRecordsReader.ReadPutRecords(body, body.Length);

        Assert.True(request.HasRecords);
        Assert.Equal(4, request.Count);
        for (var i = 0; i < 4; i++)
        {
            Assert.False(request.Entries[i].HasData, $"entry {i} must have no data");
            Assert.False(request.Entries[i].HasPartitionKey, $"entry {i} must have no partition key");
        }

        Assert.Null(request.Entries[1].ExplicitHashKey);
        Assert.Equal("123", request.Entries[3].ExplicitHashKey);
        Assert.Equal(0, request.TotalBytes);
        Assert.Null(request.StreamName);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"Records":null}""")]
    [InlineData("""{"StreamName":"s","StreamARN":null}""")]
    public void Absent_or_null_records_are_reported_as_missing(string json)
    {
        var body = Utf8(json);

        var request = PutRecordsReader.ReadPutRecords(body, body.Length);

        Assert.False(request.HasRecords);
        Assert.Equal(0, request.Count);
    }

    [Fact]
    public void An_empty_records_list_is_present_with_no_entries()
    {
        var body = Utf8("""{"Records":[]}""");

        var request = PutRecordsReader.ReadPutRecords(body, body.Length);

        Assert.True(request.HasRecords);
        Assert.Equal(0, request.Count);
    }

    [Fact]
    public void Stream_addressing_members_are_read()
    {
        var body = Utf8("""{"StreamARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s","StreamId":"id","StreamName":"s","Records":[]}""");

        var request = PutRecordsReader.ReadPutRecords(body, body.Length);

        Assert.Equal("s", request.StreamName);
        Assert.Equal("arn:aws:kinesis:us-east-1:123456789012:stream/s", request.StreamArn);
        Assert.Equal("id", request.StreamId);
    }

    [Theory]
    [InlineData("abc", "'abc' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3")]
    [InlineData("QUJDR", "'QUJDR' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5")]
    [InlineData("ab!d", "'ab!d' can not be converted to a Blob: Invalid Base64 encoding")]
    [InlineData("Q===", "'Q===' can not be converted to a Blob: Invalid Base64 encoding")]
    [InlineData("a=bc", "'a=bc' can not be converted to a Blob: Invalid Base64 encoding")]
    public void Invalid_base64_is_a_serialization_exception(string data, string message)
    {
        var body = Utf8("{\"Records\":[{\"PartitionKey\":\"p\",\"Data\":\"" + data + "\"}]}");

        var error = Assert.Throws<KinesisException>(() => PutRecordsReader.ReadPutRecords(body, body.Length));

        Assert.Equal(KinesisErrors.Serialization, error.ErrorType);
        Assert.Equal(message, error.ErrorMessage);
    }

    [Theory]
    [InlineData("QUJDab!d")]
    [InlineData("QQ==QUJD")]
    public void Invalid_base64_message_quotes_the_text_as_sent_even_after_valid_leading_blocks(string data)
    {
        var body = Utf8("{\"Records\":[{\"PartitionKey\":\"p\",\"Data\":\"" + data + "\"}]}");

        var error = Assert.Throws<KinesisException>(() => PutRecordsReader.ReadPutRecords(body, body.Length));

        Assert.Equal("'" + data + "' can not be converted to a Blob: Invalid Base64 encoding", error.ErrorMessage);
    }

    [Fact]
    public void Invalid_base64_messages_quote_at_most_64_characters()
    {
        var data = new string('A', 99);
        var body = Utf8("{\"Records\":[{\"PartitionKey\":\"p\",\"Data\":\"" + data + "\"}]}");

        var error = Assert.Throws<KinesisException>(() => PutRecordsReader.ReadPutRecords(body, body.Length));

        Assert.Equal("'" + new string('A', 64) + "' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 99", error.ErrorMessage);
    }

    [Theory]
    [InlineData("""{"Records":[{"Data":5}]}""", "NUMBER_VALUE can not be converted to a String")]
    [InlineData("""{"Records":[{"PartitionKey":true}]}""", "BOOLEAN_VALUE can not be converted to a String")]
    [InlineData("""{"Records":[{"PartitionKey":[]}]}""", "Start of list found where not expected")]
    [InlineData("""{"Records":{}}""", "Start of structure or map found where not expected")]
    [InlineData("""{"Records":["x"]}""", "Expected a structure or map but found STRING_VALUE")]
    public void Wrong_member_types_are_serialization_exceptions(string json, string message)
    {
        var body = Utf8(json);

        var error = Assert.Throws<KinesisException>(() => PutRecordsReader.ReadPutRecords(body, body.Length));

        Assert.Equal(KinesisErrors.Serialization, error.ErrorType);
        Assert.Equal(message, error.ErrorMessage);
    }

    [Fact]
    public void PutRecord_reads_all_of_its_members()
    {
        var body = Utf8("""
            {"StreamName":"s","StreamARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s","StreamId":"id",
             "PartitionKey":"p\u00e9","Data":"QUJD","ExplicitHashKey":"42","SequenceNumberForOrdering":"49590338271490256608559692538361571095921575989136588898",
             "Other":[1,2,3]}
            """);

        var request = PutRecordsReader.ReadPutRecord(body, body.Length);

        Assert.True(request.HasRecords);
        Assert.Equal(1, request.Count);
        Assert.Equal("s", request.StreamName);
        Assert.Equal("arn:aws:kinesis:us-east-1:123456789012:stream/s", request.StreamArn);
        Assert.Equal("id", request.StreamId);
        Assert.Equal("49590338271490256608559692538361571095921575989136588898", request.SequenceNumberForOrdering);
        var entry = request.Entries[0];
        Assert.Equal("pé", Encoding.UTF8.GetString(entry.PartitionKey.Span));
        Assert.Equal(2, entry.PartitionKeyChars);
        Assert.Equal("ABC"u8.ToArray(), Decoded(entry));
        Assert.Equal("42", entry.ExplicitHashKey);
        Assert.Equal(6, request.TotalBytes);
    }

    [Fact]
    public void PutRecord_without_members_has_one_empty_entry()
    {
        var body = Utf8("""{"PartitionKey":null,"Data":null,"SequenceNumberForOrdering":null}""");

        var request = PutRecordsReader.ReadPutRecord(body, body.Length);

        Assert.Equal(1, request.Count);
        Assert.False(request.Entries[0].HasData);
        Assert.False(request.Entries[0].HasPartitionKey);
        Assert.Null(request.SequenceNumberForOrdering);
        Assert.Equal(0, request.TotalBytes);
    }

    [Fact]
    public void PutRecord_rejects_invalid_base64()
    {
        var body = Utf8("""{"PartitionKey":"p","Data":"QUJ"}""");

        var error = Assert.Throws<KinesisException>(() => PutRecordsReader.ReadPutRecord(body, body.Length));

        Assert.Equal("'QUJ' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3", error.ErrorMessage);
    }

    [Theory]
    [InlineData("QUJD")]
    [InlineData("QU JD")]
    [InlineData(" QUJD")]
    [InlineData("QUJD\\n")]
    [InlineData("QUJ\\tD\\r\\n")]
    [InlineData("QUI=")]
    [InlineData("QUI= ")]
    [InlineData("QU I=")]
    [InlineData("QUI =")]
    [InlineData("QU==")]
    [InlineData("QUJ=")]
    [InlineData("QU=D")]
    [InlineData("QUI=QUJD")]
    [InlineData("====")]
    [InlineData("    ")]
    [InlineData("AB-_")]
    [InlineData("QUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJD")]
    [InlineData("QUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJ=")]
    [InlineData("QUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJD QUJ=")]
    public void PutRecords_accepts_and_decodes_exactly_what_the_firehose_in_place_decoding_does(string data)
    {
        var json = "{\"Records\":[{\"PartitionKey\":\"p\",\"Data\":\"" + data + "\"}]}";
        var firehose = Utf8("{\"DeliveryStreamName\":\"d\",\"Record\":{\"Data\":\"" + data + "\"}}");
        byte[]? inPlace;
        try
        {
            inPlace = FirehosePutReader.Read(firehose, firehose.Length, batch: false).Entries[0].Data.ToArray();
        }
        catch (KinesisException)
        {
            inPlace = null;
        }

        var body = Utf8(json);
        if (inPlace is null)
        {
            Assert.Throws<KinesisException>(() => PutRecordsReader.ReadPutRecords(body, body.Length));
        }
        else
        {
            Assert.Equal(inPlace, Decoded(PutRecordsReader.ReadPutRecords(body, body.Length).Entries[0]));
        }
    }

    private static byte[] Decoded(PutEntry entry)
    {
        var data = new byte[entry.DataLength];
        entry.CopyDataTo(data);
        return data;
    }

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    private static byte[] RandomBytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
