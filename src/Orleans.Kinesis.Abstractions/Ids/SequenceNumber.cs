using System.Globalization;

namespace Orleans.Kinesis.Abstractions.Ids;

/// <summary>
/// A record's sequence number: a 128-bit value written as a decimal string.
/// Layout, high to low: an 8-bit marker (<see cref="Marker"/>), the 32-bit shard index, a 64-bit counter
/// that grows with every record of the shard, and a 24-bit tag of the stream incarnation.
/// So numbers are strictly increasing within a shard, larger in a child shard (higher index) than in its
/// parents, and tell which shard and which stream they came from.
/// Counter 0 is the shard's StartingSequenceNumber; record ordinal n (0-based) has counter n + 1.
/// </summary>
public readonly struct SequenceNumber : IEquatable<SequenceNumber>, IComparable<SequenceNumber>, ISpanFormattable
{
    public const byte Marker = 0x02;

    /// <summary>Longest decimal text of a 128-bit value.</summary>
    public const int MaxDigits = 39;

    private const int TagBits = 24;
    private const int CounterShift = TagBits;
    private const int ShardShift = TagBits + 64;
    private const int MarkerShift = 120;

    public SequenceNumber(UInt128 value) => Value = value;

    public UInt128 Value { get; }

    public bool HasMarker => (byte)(Value >> MarkerShift) == Marker;

    public int ShardIndex => (int)(uint)(Value >> ShardShift);

    public ulong Counter => (ulong)(Value >> CounterShift);

    public uint StreamTag => (uint)Value & ((1u << TagBits) - 1);

    public static SequenceNumber Create(int shardIndex, ulong counter, uint streamTag)
    {
        var value = ((UInt128)Marker << MarkerShift)
            | ((UInt128)(uint)shardIndex << ShardShift)
            | ((UInt128)counter << CounterShift)
            | (streamTag & ((1u << TagBits) - 1));
        return new SequenceNumber(value);
    }

    /// <summary>The 24-bit tag of a stream incarnation (name and creation time).</summary>
    public static uint ComputeStreamTag(string streamName, long creationTimeMs)
    {
        // FNV-1a: stable across processes (string.GetHashCode is randomised).
        var hash = 2166136261u;
        foreach (var c in streamName)
        {
            hash = (hash ^ c) * 16777619u;
        }

        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(creationTimeMs >> (i * 8))) * 16777619u;
        }

        return (hash ^ (hash >> TagBits)) & ((1u << TagBits) - 1);
    }

    /// <summary>Parses decimal text of the model pattern <c>0|([1-9]\d{0,128})</c> that fits in 128 bits.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SequenceNumber value)
    {
        value = default;
        if (text.IsEmpty || text.Length > MaxDigits || (text[0] == '0' && text.Length > 1))
        {
            return false;
        }

        if (!UInt128.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        value = new SequenceNumber(parsed);
        return true;
    }

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
        => Value.TryFormat(destination, out charsWritten, default, CultureInfo.InvariantCulture);

    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten)
        => Value.TryFormat(utf8Destination, out bytesWritten, default, CultureInfo.InvariantCulture);

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool Equals(SequenceNumber other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is SequenceNumber other && Equals(other);

    public override int GetHashCode() => Value.GetHashCode();

    public int CompareTo(SequenceNumber other) => Value.CompareTo(other.Value);

    public static bool operator ==(SequenceNumber left, SequenceNumber right) => left.Equals(right);

    public static bool operator !=(SequenceNumber left, SequenceNumber right) => !left.Equals(right);

    public static bool operator <(SequenceNumber left, SequenceNumber right) => left.Value < right.Value;

    public static bool operator >(SequenceNumber left, SequenceNumber right) => left.Value > right.Value;

    public static bool operator <=(SequenceNumber left, SequenceNumber right) => left.Value <= right.Value;

    public static bool operator >=(SequenceNumber left, SequenceNumber right) => left.Value >= right.Value;
}
