using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Protocol.Tests.Validation;

public sealed class PatternsTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("My_Stream.v2-test", true)]
    [InlineData("0123456789", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("slash/", false)]
    [InlineData("colon:", false)]
    [InlineData("é", false)]
    [InlineData("٣", false)]
    public void IsName_matches_the_name_pattern(string value, bool expected)
    {
        Assert.Equal(expected, Patterns.IsName(value));
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("1", true)]
    [InlineData("340282366920938463463374607431768211455", true)]
    [InlineData("999999999999999999999999999999999999999", true)]
    [InlineData("1000000000000000000000000000000000000000", false)]
    [InlineData("", false)]
    [InlineData("00", false)]
    [InlineData("012", false)]
    [InlineData("-1", false)]
    [InlineData("1a", false)]
    [InlineData("٣", false)]
    public void IsHashKey_matches_up_to_39_digits_without_leading_zeros(string value, bool expected)
    {
        Assert.Equal(expected, Patterns.IsHashKey(value));
    }

    [Fact]
    public void IsSequenceNumber_allows_up_to_129_digits()
    {
        Assert.True(Patterns.IsSequenceNumber("49590338271490256608559692538361571095921575989136588898"));
        Assert.True(Patterns.IsSequenceNumber("1" + new string('0', 128)));
        Assert.False(Patterns.IsSequenceNumber("1" + new string('0', 129)));
        Assert.False(Patterns.IsSequenceNumber("01"));
        Assert.True(Patterns.IsSequenceNumber("0"));
        Assert.False(Patterns.IsSequenceNumber(""));
    }

    [Theory]
    [InlineData("arn:aws:kinesis:us-east-1:123456789012:stream/orders", true)]
    [InlineData("arn:aws-cn:kinesis:cn-north-1:123456789012:stream/orders", true)]
    [InlineData("arn:aws:kinesis:us-east-1:12345678901:stream/orders", false)]
    [InlineData("arn:aws:kinesis:us-east-1:123456789012:stream/", false)]
    [InlineData("arn:aws:s3:us-east-1:123456789012:stream/orders", false)]
    [InlineData("arn:aws:kinesis:us-east-1:123456789012:stream/has space", false)]
    [InlineData("xarn:aws:kinesis:us-east-1:123456789012:stream/orders", false)]
    public void IsStreamArn_matches_the_whole_arn(string value, bool expected)
    {
        Assert.Equal(expected, Patterns.IsStreamArn(value));
    }

    [Theory]
    [InlineData("arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/reader:1525898737", true)]
    [InlineData("arn:aws-us-gov:kinesis:us-gov-west-1:123456789012:stream/o.v2-x/consumer/r_1:0", true)]
    [InlineData("arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/reader", false)]
    [InlineData("arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/reader:12a", false)]
    [InlineData("arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumers/reader:1", false)]
    [InlineData("arn:aws:kinesis:us-east-1:123456789012:stream/orders", false)]
    [InlineData("arn:aws:kinesis:us-east-1:1234:stream/orders/consumer/reader:1", false)]
    [InlineData("arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/has space:1", false)]
    public void IsConsumerArn_matches_stream_arn_consumer_name_and_epoch_seconds(string value, bool expected)
    {
        Assert.Equal(expected, Patterns.IsConsumerArn(value));
    }
}
