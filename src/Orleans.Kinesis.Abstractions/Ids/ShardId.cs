using System.Globalization;

namespace Orleans.Kinesis.Abstractions.Ids;

/// <summary>
/// A shard of a stream, identified by its index. Formats as <c>shardId-</c> plus the index in 12 zero-padded digits.
/// Parsing is as lenient as the service: the digits after the first <c>-</c> (up to any further <c>-</c>),
/// or the whole string when it has no <c>-</c>, are the index.
/// </summary>
public readonly struct ShardId : IEquatable<ShardId>, IComparable<ShardId>, ISpanFormattable
{
    private const string Prefix = "shardId-";

    public ShardId(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Index = index;
    }

    public int Index { get; }

    public static bool TryParse(ReadOnlySpan<char> text, out ShardId shardId)
    {
        shardId = default;
        var dash = text.IndexOf('-');
        if (dash >= 0)
        {
            text = text[(dash + 1)..];
            var next = text.IndexOf('-');
            if (next >= 0)
            {
                text = text[..next];
            }
        }

        if (text.IsEmpty)
        {
            return false;
        }

        long value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
            if (value > int.MaxValue)
            {
                return false;
            }
        }

        shardId = new ShardId((int)value);
        return true;
    }

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        charsWritten = 0;
        if (destination.Length < Prefix.Length + 12 || !Prefix.TryCopyTo(destination))
        {
            return false;
        }

        if (!Index.TryFormat(destination[Prefix.Length..], out var digits, "D12", CultureInfo.InvariantCulture))
        {
            return false;
        }

        charsWritten = Prefix.Length + digits;
        return true;
    }

    public override string ToString()
    {
        Span<char> buffer = stackalloc char[32];
        TryFormat(buffer, out var written);
        return new string(buffer[..written]);
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool Equals(ShardId other) => Index == other.Index;

    public override bool Equals(object? obj) => obj is ShardId other && Equals(other);

    public override int GetHashCode() => Index;

    public int CompareTo(ShardId other) => Index.CompareTo(other.Index);

    public static bool operator ==(ShardId left, ShardId right) => left.Equals(right);

    public static bool operator !=(ShardId left, ShardId right) => !left.Equals(right);

    public static bool operator <(ShardId left, ShardId right) => left.Index < right.Index;

    public static bool operator >(ShardId left, ShardId right) => left.Index > right.Index;

    public static bool operator <=(ShardId left, ShardId right) => left.Index <= right.Index;

    public static bool operator >=(ShardId left, ShardId right) => left.Index >= right.Index;
}
