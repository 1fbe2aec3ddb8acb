using System.Buffers;
using System.Text;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Protocol.Errors;

namespace Orleans.Kinesis.Protocol.Tests.Errors;

public sealed class ErrorResponseTests
{
    [Fact]
    public void Modelled_errors_use_a_lowercase_message_member()
    {
        Assert.Equal(
            """{"__type":"ResourceNotFoundException","message":"Stream s under account 000000000000 not found."}""",
            Write(KinesisErrors.StreamNotFound("s", "000000000000")));
    }

    [Fact]
    public void SerializationException_uses_a_capitalised_message_member()
    {
        Assert.Equal(
            """{"__type":"SerializationException","Message":"Start of list found where not expected"}""",
            Write(KinesisErrors.SerializationError("Start of list found where not expected")));
    }

    [Fact]
    public void Errors_without_a_message_have_no_message_member()
    {
        Assert.Equal("""{"__type":"UnknownOperationException"}""", Write(new KinesisException(KinesisErrors.UnknownOperation, null)));
        Assert.Equal("""{"__type":"SerializationException"}""", Write(KinesisErrors.SerializationError(null)));
    }

    [Fact]
    public void Messages_keep_quotes_and_non_ascii_readable_but_escape_json_specials()
    {
        var json = Write(KinesisErrors.ValidationError("Value 'é<x>' at \"p\"\n"));

        Assert.Equal("""{"__type":"ValidationException","message":"Value 'é<x>' at \"p\"\n"}""", json);
    }

    private static string Write(KinesisException error)
    {
        var output = new ArrayBufferWriter<byte>();
        ErrorResponse.Write(output, error);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
