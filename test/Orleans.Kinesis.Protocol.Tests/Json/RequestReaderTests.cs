using System.Text;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Protocol.Json;

namespace Orleans.Kinesis.Protocol.Tests.Json;

public sealed class RequestReaderTests
{
    [Fact]
    public void Members_are_read_in_any_order_and_unknown_members_are_skipped()
    {
        var values = ReadAll("""{"Extra":{"deep":[1,{"x":[true,null]}]},"Limit":5,"StreamName":"s","More":[1,2],"Flag":true}""");

        Assert.Equal(["Limit=5", "StreamName=s", "Flag=True"], values);
    }

    [Fact]
    public void Escaped_member_names_are_unescaped_before_matching()
    {
        var values = ReadAll("""{"Stream\u004eame":"s","\u004cimit":7}""");

        Assert.Equal(["StreamName=s", "Limit=7"], values);
    }

    [Fact]
    public void Escaped_string_values_are_unescaped()
    {
        Assert.Equal(["StreamName=a\"b\\c/é"], ReadAll("""{"StreamName":"a\"b\\c\/\u00e9"}"""));
    }

    [Fact]
    public void Null_members_read_as_absent()
    {
        var reader = new RequestReader(Utf8("""{"S":null,"I":null,"L":null,"B":null,"T":null,"M":null,"A":null,"O":null}"""));
        Assert.True(reader.NextMember(out _));
        Assert.Null(reader.ReadString());
        Assert.True(reader.NextMember(out _));
        Assert.Null(reader.ReadInt32());
        Assert.True(reader.NextMember(out _));
        Assert.Null(reader.ReadInt64());
        Assert.True(reader.NextMember(out _));
        Assert.Null(reader.ReadBoolean());
        Assert.True(reader.NextMember(out _));
        Assert.Null(reader.ReadTimestampMs());
        Assert.True(reader.NextMember(out _));
        Assert.Null(reader.ReadStringMap());
        Assert.True(reader.NextMember(out _));
        Assert.Null(reader.ReadStringList());
        Assert.True(reader.NextMember(out _));
        Assert.False(reader.BeginObject());
        Assert.False(reader.NextMember(out _));
    }

    [Theory]
    [InlineData("5", 5L)]
    [InlineData("3.9", 3L)]
    [InlineData("-3.9", -3L)]
    [InlineData("0.5", 0L)]
    [InlineData("1e2", 100L)]
    [InlineData("2.5E1", 25L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("1e30", long.MaxValue)]
    [InlineData("-1e30", long.MinValue)]
    public void Integers_truncate_fractions_and_saturate(string json, long expected)
    {
        Assert.Equal(expected, ReadOne("{\"L\":" + json + "}", Kind.Int64));
    }

    [Theory]
    [InlineData("7.99", 7)]
    [InlineData("10000000000", int.MaxValue)]
    [InlineData("-10000000000", int.MinValue)]
    public void Int32_members_truncate_and_clamp(string json, int expected)
    {
        Assert.Equal(expected, ReadOne("{\"I\":" + json + "}", Kind.Int32));
    }

    [Theory]
    [InlineData("1705320000.123", 1705320000123L)]
    [InlineData("1705320000", 1705320000000L)]
    [InlineData("1.705320000123E9", 1705320000123L)]
    [InlineData("0", 0L)]
    [InlineData("-1.5", -1500L)]
    public void Timestamps_are_epoch_seconds_read_as_milliseconds(string json, long expected)
    {
        Assert.Equal(expected, ReadOne("{\"T\":" + json + "}", Kind.Timestamp));
    }

    [Fact]
    public void Booleans_read_true_and_false()
    {
        Assert.Equal(true, ReadOne("""{"B":true}""", Kind.Boolean));
        Assert.Equal(false, ReadOne("""{"B":false}""", Kind.Boolean));
    }

    [Theory]
    [InlineData("""{"S":5}""", Kind.String, "NUMBER_VALUE can not be converted to a String")]
    [InlineData("""{"S":true}""", Kind.String, "BOOLEAN_VALUE can not be converted to a String")]
    [InlineData("""{"S":{}}""", Kind.String, "Start of structure or map found where not expected")]
    [InlineData("""{"S":[]}""", Kind.String, "Start of list found where not expected")]
    [InlineData("""{"I":"5"}""", Kind.Int32, "STRING_VALUE can not be converted to an Integer")]
    [InlineData("""{"L":false}""", Kind.Int64, "BOOLEAN_VALUE can not be converted to an Integer")]
    [InlineData("""{"L":[1]}""", Kind.Int64, "Start of list found where not expected")]
    [InlineData("""{"B":"true"}""", Kind.Boolean, "STRING_VALUE can not be converted to a Boolean")]
    [InlineData("""{"B":1}""", Kind.Boolean, "NUMBER_VALUE can not be converted to a Boolean")]
    [InlineData("""{"T":"1705320000"}""", Kind.Timestamp, "class java.lang.String can not be converted to milliseconds since epoch")]
    [InlineData("""{"T":true}""", Kind.Timestamp, "BOOLEAN_VALUE can not be converted to milliseconds since epoch")]
    [InlineData("""{"T":{}}""", Kind.Timestamp, "Start of structure or map found where not expected")]
    public void Type_mismatches_are_serialization_exceptions_with_the_service_messages(string json, Kind kind, string message)
    {
        var error = Assert.Throws<KinesisException>(() => ReadOne(json, kind));

        Assert.Equal(KinesisErrors.Serialization, error.ErrorType);
        Assert.Equal(message, error.ErrorMessage);
    }

    [Theory]
    [InlineData("""{"O":[]}""", "Start of list found where not expected")]
    [InlineData("""{"O":"x"}""", "Expected a structure or map but found STRING_VALUE")]
    [InlineData("""{"O":1}""", "Expected a structure or map but found NUMBER_VALUE")]
    public void BeginObject_rejects_non_objects(string json, string message)
    {
        var error = Assert.Throws<KinesisException>(() =>
        {
            var reader = new RequestReader(Utf8(json));
            reader.NextMember(out _);
            reader.BeginObject();
        });

        Assert.Equal(KinesisErrors.Serialization, error.ErrorType);
        Assert.Equal(message, error.ErrorMessage);
    }

    [Theory]
    [InlineData("""{"A":{}}""", "Start of structure or map found where not expected")]
    [InlineData("""{"A":"x"}""", "Expected a list but found STRING_VALUE")]
    [InlineData("""{"A":false}""", "Expected a list but found BOOLEAN_VALUE")]
    public void BeginArray_rejects_non_arrays(string json, string message)
    {
        var error = Assert.Throws<KinesisException>(() =>
        {
            var reader = new RequestReader(Utf8(json));
            reader.NextMember(out _);
            reader.BeginArray();
        });

        Assert.Equal(KinesisErrors.Serialization, error.ErrorType);
        Assert.Equal(message, error.ErrorMessage);
    }

    [Fact]
    public void String_maps_and_lists_drop_null_entries()
    {
        var reader = new RequestReader(Utf8("""{"M":{"k1":"v1","k2":null,"k\u0033":"v3"},"A":["x",null,"y"]}"""));

        Assert.True(reader.NextMember(out _));
        var map = reader.ReadStringMap();
        Assert.True(reader.NextMember(out _));
        var list = reader.ReadStringList();
        Assert.False(reader.NextMember(out _));

        Assert.Equal(new Dictionary<string, string> { ["k1"] = "v1", ["k3"] = "v3" }, map);
        Assert.Equal(["x", "y"], list);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    [InlineData("5")]
    [InlineData("null")]
    public void A_body_that_is_not_an_object_is_rejected(string json)
    {
        var error = Assert.Throws<KinesisException>(() => new RequestReader(Utf8(json)));

        Assert.Equal(KinesisErrors.Serialization, error.ErrorType);
        Assert.Equal("Start of structure or map expected but not found", error.ErrorMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"S\"")]
    [InlineData("{\"S\":")]
    [InlineData("{\"S\":\"x\"")]
    [InlineData("{\"S\":\"x\",}")]
    [InlineData("{\"S\" \"x\"}")]
    [InlineData("{S:1}")]
    [InlineData("{'S':1}")]
    [InlineData("{\"S\":tru}")]
    [InlineData("{} x")]
    [InlineData("{}{}")]
    [InlineData("{}]")]
    [InlineData("{\"U\":[1,2}")]
    [InlineData("{\"S\":\"x\"} // comment")]
    public void Malformed_json_or_trailing_garbage_is_a_serialization_exception(string json)
    {
        var error = Assert.Throws<KinesisException>(() => ReadAll(json));

        Assert.Equal(KinesisErrors.Serialization, error.ErrorType);
    }

    [Fact]
    public void Trailing_whitespace_after_the_object_is_accepted()
    {
        Assert.Equal(["StreamName=s"], ReadAll("{\"StreamName\":\"s\"} \r\n\t "));
    }

    [Fact]
    public void Unknown_members_nested_below_the_depth_limit_are_skipped()
    {
        var nested = new string('[', 14) + new string(']', 14);

        Assert.Equal(["Limit=1"], ReadAll("{\"U\":" + nested + ",\"Limit\":1}"));
    }

    [Theory]
    [InlineData(17)]
    [InlineData(1000)]
    public void Nesting_beyond_the_depth_limit_is_a_serialization_exception(int depth)
    {
        var nested = new string('[', depth) + new string(']', depth);

        var error = Assert.Throws<KinesisException>(() => ReadAll("{\"U\":" + nested + ",\"Limit\":1}"));

        Assert.Equal(KinesisErrors.Serialization, error.ErrorType);
        Assert.Equal("Malformed JSON request body", error.ErrorMessage);
    }

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>Reads StreamName, Limit and Flag the way handlers do and skips everything else.</summary>
    private static List<string> ReadAll(string json)
    {
        var values = new List<string>();
        var reader = new RequestReader(Utf8(json));
        while (reader.NextMember(out var name))
        {
            if (name.SequenceEqual("StreamName"u8))
            {
                values.Add("StreamName=" + reader.ReadString());
            }
            else if (name.SequenceEqual("Limit"u8))
            {
                values.Add("Limit=" + reader.ReadInt32());
            }
            else if (name.SequenceEqual("Flag"u8))
            {
                values.Add("Flag=" + reader.ReadBoolean());
            }
            else
            {
                reader.Skip();
            }
        }

        return values;
    }

    /// <summary>Reads the single member of <paramref name="json"/> as <paramref name="kind"/>.</summary>
    private static object? ReadOne(string json, Kind kind)
    {
        var reader = new RequestReader(Utf8(json));
        Assert.True(reader.NextMember(out _));
        object? value = kind switch
        {
            Kind.String => reader.ReadString(),
            Kind.Int32 => reader.ReadInt32(),
            Kind.Int64 => reader.ReadInt64(),
            Kind.Boolean => reader.ReadBoolean(),
            _ => reader.ReadTimestampMs(),
        };
        Assert.False(reader.NextMember(out _));
        return value;
    }
}
