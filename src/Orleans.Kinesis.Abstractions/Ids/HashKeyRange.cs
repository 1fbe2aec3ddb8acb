namespace Orleans.Kinesis.Abstractions.Ids;

/// <summary>An inclusive range of the 128-bit hash key space.</summary>
[GenerateSerializer, Immutable, Alias("kinesis.HashKeyRange")]
public readonly record struct HashKeyRange(UInt128 Start, UInt128 End)
{
    public static readonly HashKeyRange All = new(UInt128.Zero, UInt128.MaxValue);

    public bool Contains(UInt128 hashKey) => hashKey >= Start && hashKey <= End;

    /// <summary>AWS's even split: width floor(2^128 / n); the last range ends at 2^128 - 1.</summary>
    public static HashKeyRange[] EvenSplit(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var ranges = new HashKeyRange[count];
        if (count == 1)
        {
            ranges[0] = All;
            return ranges;
        }

        // floor(2^128 / n) == floor((2^128 - 1) / n) unless n divides 2^128 (a power of two), where it is one more.
        var width = UInt128.MaxValue / (UInt128)count;
        if (UInt128.IsPow2((UInt128)count))
        {
            width += 1;
        }

        for (var i = 0; i < count; i++)
        {
            var start = width * (UInt128)i;
            var end = i == count - 1 ? UInt128.MaxValue : (width * (UInt128)(i + 1)) - 1;
            ranges[i] = new HashKeyRange(start, end);
        }

        return ranges;
    }

    /// <summary>MD5 of the UTF-8 partition key read as an unsigned big-endian 128-bit integer.</summary>
    public static UInt128 HashPartitionKey(ReadOnlySpan<byte> utf8PartitionKey)
    {
        Span<byte> digest = stackalloc byte[16];
        Md5.Hash(utf8PartitionKey, digest);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(digest);
    }
}
