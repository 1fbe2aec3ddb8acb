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

    private static readonly RecordScope Scope = new("s.1", 2, 0x00abcdef);

    [Fact]
    public void Seal_then_open_returns_the_data_and_the_envelope_hides_it()
    {
        var data = Encoding.UTF8.GetBytes("the quick brown fox jumps over the lazy dog");
        var pk = "pk"u8.ToArray();
        var envelope = new byte[data.Length + RecordFlags.EncryptionOverhead];
        using var aes = new AesGcm(_cipher.DataKey("s.1", KeyArn), 16);

        RecordCipher.Seal(aes, 3, Scope, 41, pk, data, envelope);
        var opened = new byte[data.Length];

        Assert.True(RecordCipher.TryOpen(aes, Scope, 41, pk, envelope, opened));
        Assert.Equal(data, opened);
        Assert.Equal(3, RecordCipher.SlotOf(envelope));
        Assert.Equal(RecordCipher.Version, envelope[0]);
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
        RecordCipher.Seal(aes, 0, Scope, 0, "pk"u8, data, envelope);
        var output = new byte[data.Length];

        Assert.False(RecordCipher.TryOpen(aes, Scope, 0, "pK"u8, envelope, output));
        Assert.False(RecordCipher.TryOpen(otherStream, Scope, 0, "pk"u8, envelope, output));
        Assert.False(RecordCipher.TryOpen(otherKmsKey, Scope, 0, "pk"u8, envelope, output));
        envelope[40] ^= 1;
        Assert.False(RecordCipher.TryOpen(aes, Scope, 0, "pk"u8, envelope, output));
    }

    [Fact]
    public void Open_fails_when_the_envelope_is_read_at_another_sequence_number_shard_or_stream_incarnation()
    {
        var data = Encoding.UTF8.GetBytes("moved ciphertext");
        var envelope = new byte[data.Length + RecordFlags.EncryptionOverhead];
        using var aes = new AesGcm(_cipher.DataKey("s.1", KeyArn), 16);
        RecordCipher.Seal(aes, 0, Scope, 7, "pk"u8, data, envelope);
        var output = new byte[data.Length];

        Assert.True(RecordCipher.TryOpen(aes, Scope, 7, "pk"u8, envelope, output));
        Assert.False(RecordCipher.TryOpen(aes, Scope, 8, "pk"u8, envelope, output));
        Assert.False(RecordCipher.TryOpen(aes, new RecordScope("s.1", 3, 0x00abcdef), 7, "pk"u8, envelope, output));
        Assert.False(RecordCipher.TryOpen(aes, new RecordScope("s.10", 2, 0x00abcdef), 7, "pk"u8, envelope, output));
        Assert.False(RecordCipher.TryOpen(aes, new RecordScope("s.1", 2, 0x00abcdee), 7, "pk"u8, envelope, output));
    }

    [Fact]
    public void A_version_1_envelope_of_earlier_servers_still_opens_with_the_partition_key_as_associated_data()
    {
        var data = Encoding.UTF8.GetBytes("written before the associated data bound the record's place");
        using var aes = new AesGcm(_cipher.DataKey("s.1", KeyArn), 16);
        var envelope = LegacyEnvelope(aes, 1, "pk"u8, data);
        var output = new byte[data.Length];

        Assert.Equal(1, RecordCipher.SlotOf(envelope));
        Assert.True(RecordCipher.TryOpen(aes, Scope, 123, "pk"u8, envelope, output));
        Assert.Equal(data, output);
        Assert.False(RecordCipher.TryOpen(aes, Scope, 123, "other"u8, envelope, output));
    }

    [Fact]
    public void A_version_2_envelope_relabelled_as_version_1_does_not_open()
    {
        var data = new byte[20];
        var envelope = new byte[data.Length + RecordFlags.EncryptionOverhead];
        using var aes = new AesGcm(_cipher.DataKey("s.1", KeyArn), 16);
        RecordCipher.Seal(aes, 0, Scope, 5, "pk"u8, data, envelope);

        envelope[0] = RecordCipher.LegacyVersion;

        Assert.False(RecordCipher.TryOpen(aes, Scope, 5, "pk"u8, envelope, new byte[data.Length]));
    }

    [Fact]
    public void A_sealing_key_seals_a_batch_at_consecutive_ordinals_and_opens_each_only_at_its_own()
    {
        using var key = new SealingKey(_cipher.DataKey("s.1", KeyArn), 4, Scope);
        RecordEntry[] plain = [new("a"u8.ToArray(), "first"u8.ToArray()), new("b"u8.ToArray(), "second"u8.ToArray())];

        var sealedRecords = key.Seal(plain, 10, RecordFlags.Encrypted);

        Assert.All(sealedRecords, r => Assert.Equal(RecordFlags.Encrypted, r.Flags));
        Assert.All(sealedRecords, r => Assert.Equal(4, RecordCipher.SlotOf(r.Data.Span)));
        var output = new byte[6];
        Assert.True(key.TryOpen(View(10, sealedRecords[0]), output));
        Assert.Equal("first"u8.ToArray(), output[..5]);
        Assert.True(key.TryOpen(View(11, sealedRecords[1]), output));
        Assert.Equal("second"u8.ToArray(), output);
        Assert.False(key.TryOpen(View(11, sealedRecords[0] with { PartitionKey = sealedRecords[1].PartitionKey }), output));
        Assert.False(key.TryOpen(View(10, sealedRecords[1] with { PartitionKey = sealedRecords[0].PartitionKey }), output));
    }

    [Fact]
    public void Two_seals_of_the_same_data_differ()
    {
        using var aes = new AesGcm(_cipher.DataKey("s.1", KeyArn), 16);
        var first = new byte[10 + RecordFlags.EncryptionOverhead];
        var second = new byte[10 + RecordFlags.EncryptionOverhead];

        RecordCipher.Seal(aes, 0, Scope, 0, "k"u8, new byte[10], first);
        RecordCipher.Seal(aes, 0, Scope, 0, "k"u8, new byte[10], second);

        Assert.NotEqual(first, second);
    }

    /// <summary>The envelope earlier servers wrote: version 1, the partition key alone as associated data.</summary>
    private static byte[] LegacyEnvelope(AesGcm aes, ushort slot, ReadOnlySpan<byte> partitionKey, ReadOnlySpan<byte> data)
    {
        var envelope = new byte[data.Length + RecordFlags.EncryptionOverhead];
        envelope[0] = RecordCipher.LegacyVersion;
        envelope[1] = (byte)(slot >> 8);
        envelope[2] = (byte)slot;
        RandomNumberGenerator.Fill(envelope.AsSpan(3, 12));
        aes.Encrypt(envelope.AsSpan(3, 12), data, envelope.AsSpan(15, data.Length), envelope.AsSpan(15 + data.Length, 16), partitionKey);
        return envelope;
    }

    private static RecordView View(long ordinal, RecordEntry entry) => new(ordinal, 0, entry.PartitionKey, entry.Data, entry.Flags);

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
