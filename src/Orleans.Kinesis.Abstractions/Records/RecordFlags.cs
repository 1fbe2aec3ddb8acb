namespace Orleans.Kinesis.Abstractions.Records;

/// <summary>Bits of <see cref="RecordEntry.Flags"/> / <see cref="RecordView.Flags"/>.</summary>
public static class RecordFlags
{
    /// <summary>
    /// The stored data is an encrypted envelope (server-side encryption): a header, the AES-GCM ciphertext of the data
    /// and its tag, <see cref="EncryptionOverhead"/> bytes longer than the data the producer sent.
    /// </summary>
    public const byte Encrypted = 0x01;

    /// <summary>How many bytes an encrypted envelope adds: version (1), key slot (2), nonce (12), tag (16).</summary>
    public const int EncryptionOverhead = 31;

    /// <summary>The size of the record as the producer sent it (data plus partition key).</summary>
    public static int PayloadBytes(int partitionKeyLength, int storedDataLength, byte flags)
        => partitionKeyLength + storedDataLength - ((flags & Encrypted) != 0 ? EncryptionOverhead : 0);
}
