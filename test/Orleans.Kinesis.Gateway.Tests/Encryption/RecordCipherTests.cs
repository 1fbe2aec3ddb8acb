using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Encryption;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Gateway.Encryption;

namespace Orleans.Kinesis.Gateway.Tests.Encryption;

public sealed class RecordCipherTests
{
    private const string KeyArn = "arn:aws:kms:us-east-1:000000000000:alias/aws/kinesis";
    private readonly RecordCipher _cipher = new(Options.Create(new RecordEncryptionOptions { MasterKey = RandomNumberGenerator.GetBytes(32) }));

    [Fact]
    public void Seal_then_open_returns_the_data_and_the_envelope_hides_it()
    {
        var data = Encoding.UTF8.GetBytes("the quick brown fox jumps over the lazy dog");
        var pk = "pk"u8.ToArray();
        var envelope = new byte[data.Length + RecordFlags.EncryptionOverhead];
        using var aes = new AesGcm(_cipher.DataKey("s.1", KeyArn), 16);

        RecordCipher.Seal(aes, 3, pk, data, envelope);
        var opened = new byte[data.Length];

        Assert.True(RecordCipher.TryOpen(aes, pk, envelope, opened));
        Assert.Equal(data, opened);
        Assert.Equal(3, RecordCipher.SlotOf(envelope));
        Assert.True(envelope.AsSpan().IndexOf("quick"u8) < 0);
    }

    [Fact]
    public void Open_fails_for_a_changed_byte_another_partition_key_or_another_streams_key()
    {
        var data = new byte[100];
        var envelope = new byte[data.Length + RecordFlags.EncryptionOverhead];
        using var aes = new AesGcm(_cipher.DataKey("s.1", KeyArn), 16);
        using var otherStream = new AesGcm(_cipher.DataKey("s.2", KeyArn), 16);
        using var otherKmsKey = new AesGcm(_cipher.DataKey("s.1", KeyArn + "x"), 16);
        RecordCipher.Seal(aes, 0, "pk"u8, data, envelope);
        var output = new byte[data.Length];

        Assert.False(RecordCipher.TryOpen(aes, "pK"u8, envelope, output));
        Assert.False(RecordCipher.TryOpen(otherStream, "pk"u8, envelope, output));
        Assert.False(RecordCipher.TryOpen(otherKmsKey, "pk"u8, envelope, output));
        envelope[40] ^= 1;
        Assert.False(RecordCipher.TryOpen(aes, "pk"u8, envelope, output));
    }

    [Fact]
    public void Two_seals_of_the_same_data_differ()
    {
        using var aes = new AesGcm(_cipher.DataKey("s.1", KeyArn), 16);
        var first = new byte[10 + RecordFlags.EncryptionOverhead];
        var second = new byte[10 + RecordFlags.EncryptionOverhead];

        RecordCipher.Seal(aes, 0, "k"u8, new byte[10], first);
        RecordCipher.Seal(aes, 0, "k"u8, new byte[10], second);

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("alias/aws/kinesis", "arn:aws:kms:us-east-1:000000000000:alias/aws/kinesis")]
    [InlineData("1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    public void Key_ids_naming_the_same_key_share_one_canonical_arn(string keyId, string expected)
        => Assert.Equal(expected, KmsKeys.Canonicalize(keyId, "us-east-1", "000000000000"));

    [Theory]
    [InlineData("alias/")]
    [InlineData("alias/has space")]
    [InlineData("1234abcd-12ab-34cd-56ef-1234567890a")]
    [InlineData("arn:aws:kms:us-east-1:000000000000:something/else")]
    [InlineData("arn:aws:s3:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    public void Malformed_key_ids_are_not_found(string keyId)
    {
        var error = Assert.Throws<KinesisException>(() => KmsKeys.Canonicalize(keyId, "us-east-1", "000000000000"));
        Assert.Equal(KinesisErrors.KmsNotFound, error.ErrorType);
    }
}
