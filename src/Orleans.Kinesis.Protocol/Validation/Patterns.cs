using System.Text.RegularExpressions;

namespace Orleans.Kinesis.Protocol.Validation;

/// <summary>The API's string patterns, checked without regular expressions where the pattern is simple.</summary>
public static partial class Patterns
{
    /// <summary><c>[a-zA-Z0-9_.-]+</c>: stream, consumer and shard names.</summary>
    public static bool IsName(string value) => IsName(value.AsSpan());

    public static bool IsName(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>0|([1-9]\d{0,38})</c>: hash keys.</summary>
    public static bool IsHashKey(string value) => IsDecimal(value, 39);

    /// <summary><c>0|([1-9]\d{0,128})</c>: sequence numbers.</summary>
    public static bool IsSequenceNumber(string value) => IsDecimal(value, 129);

    public static bool IsStreamArn(string value) => StreamArnRegex().IsMatch(value);

    /// <summary>A consumer ARN: <c>arn:aws…:kinesis:…:&lt;12 digits&gt;:…stream/&lt;name&gt;/consumer/&lt;name&gt;:&lt;digits&gt;</c>.</summary>
    public static bool IsConsumerArn(string value) => ConsumerArnRegex().IsMatch(value);

    private static bool IsDecimal(string value, int maxDigits)
    {
        if (value.Length == 0 || value.Length > maxDigits || (value[0] == '0' && value.Length > 1))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^arn:aws.*:kinesis:.*:\d{12}:stream/\S+$", RegexOptions.CultureInvariant)]
    private static partial Regex StreamArnRegex();

    [GeneratedRegex(@"^arn:aws.*:kinesis:.*:\d{12}:.*stream/[a-zA-Z0-9_.-]+/consumer/[a-zA-Z0-9_.-]+:[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ConsumerArnRegex();
}
