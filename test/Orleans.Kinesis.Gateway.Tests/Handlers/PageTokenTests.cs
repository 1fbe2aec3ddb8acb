using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Gateway.Handlers;
using Orleans.Kinesis.Gateway.Tests.Iterators;

namespace Orleans.Kinesis.Gateway.Tests.Handlers;

public sealed class PageTokenTests
{
    private const long IssuedMs = 1_705_320_000_000;

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(299_999L)]
    [InlineData(300_000L)]
    public void A_token_decodes_to_its_fields_for_300_seconds(long ageMs)
    {
        var codec = TokenCodecTests.NewCodec(1);
        var token = PageToken.Encode(codec, IssuedMs, "orders", "shardId-000000000004");

        var fields = PageToken.Decode(codec, token, IssuedMs + ageMs, 2);

        Assert.Equal(["orders", "shardId-000000000004"], fields);
    }

    [Theory]
    [InlineData(300_001L)]
    [InlineData(86_400_000L)]
    public void A_token_older_than_300_seconds_has_expired(long ageMs)
    {
        var codec = TokenCodecTests.NewCodec(1);
        var token = PageToken.Encode(codec, IssuedMs, "orders");

        var error = Assert.Throws<KinesisException>(() => PageToken.Decode(codec, token, IssuedMs + ageMs, 1));

        Assert.Equal(KinesisErrors.ExpiredNextToken, error.ErrorType);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("The NextToken has expired. A NextToken is valid for 300 seconds.", error.ErrorMessage);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Garbage_is_an_invalid_argument(string token)
    {
        var error = Assert.Throws<KinesisException>(() => PageToken.Decode(TokenCodecTests.NewCodec(1), token, IssuedMs, 1));

        Assert.Equal(KinesisErrors.InvalidArgument, error.ErrorType);
        Assert.Equal("Invalid NextToken.", error.ErrorMessage);
    }

    [Fact]
    public void A_token_from_another_key_is_an_invalid_argument()
    {
        var token = PageToken.Encode(TokenCodecTests.NewCodec(1), IssuedMs, "orders");

        var error = Assert.Throws<KinesisException>(() => PageToken.Decode(TokenCodecTests.NewCodec(2), token, IssuedMs, 1));

        Assert.Equal(KinesisErrors.InvalidArgument, error.ErrorType);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_token_with_a_different_field_count_is_an_invalid_argument(int fieldCount)
    {
        var codec = TokenCodecTests.NewCodec(1);
        var token = PageToken.Encode(codec, IssuedMs, "a", "b");

        var error = Assert.Throws<KinesisException>(() => PageToken.Decode(codec, token, IssuedMs, fieldCount));

        Assert.Equal(KinesisErrors.InvalidArgument, error.ErrorType);
    }

    [Fact]
    public void A_signed_text_without_an_issue_time_is_an_invalid_argument()
    {
        var codec = TokenCodecTests.NewCodec(1);
        var token = codec.EncodeText("orders|yesterday");

        var error = Assert.Throws<KinesisException>(() => PageToken.Decode(codec, token, IssuedMs, 1));

        Assert.Equal(KinesisErrors.InvalidArgument, error.ErrorType);
    }
}
