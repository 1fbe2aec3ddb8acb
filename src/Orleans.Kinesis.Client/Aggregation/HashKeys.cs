using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Orleans.Kinesis.Client.Aggregation;

/// <summary>The 128-bit hash key of a record: its explicit hash key, else MD5(UTF-8 partition key) read big-endian.</summary>
public static class HashKeys
{
    public static UInt128 Of(string partitionKey, string? explicitHashKey)
        => explicitHashKey is null ? OfPartitionKey(partitionKey) : Parse(explicitHashKey);

    public static UInt128 OfPartitionKey(string partitionKey)
    {
        Span<byte> utf8 = partitionKey.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(partitionKey.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(partitionKey.Length)];
        var length = Encoding.UTF8.GetBytes(partitionKey, utf8);
        Span<byte> hash = stackalloc byte[16];
        MD5.HashData(utf8[..length], hash);
        return BinaryPrimitives.ReadUInt128BigEndian(hash);
    }

    /// <summary>Parses a decimal hash key in [0, 2^128 − 1]; throws <see cref="FormatException"/> otherwise.</summary>
    public static UInt128 Parse(string value)
        => UInt128.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var key)
            ? key
            : throw new FormatException($"'{value}' is not a decimal hash key in [0, 2^128 - 1].");

    public static string Format(UInt128 key) => key.ToString(CultureInfo.InvariantCulture);
}
