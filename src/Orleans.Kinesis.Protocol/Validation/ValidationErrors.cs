using System.Globalization;
using System.Text;
using Orleans.Kinesis.Abstractions.Errors;

namespace Orleans.Kinesis.Protocol.Validation;

/// <summary>
/// Collects model-constraint failures and renders them as AWS does:
/// <c>2 validation errors detected: Value '…' at 'path' failed to satisfy constraint: …; …</c> (at most 10 listed).
/// </summary>
public sealed class ValidationErrors
{
    public const string StreamNamePattern = "[a-zA-Z0-9_.-]+";
    public const string HashKeyPattern = "0|([1-9]\\d{0,38})";
    public const string SequenceNumberPattern = "0|([1-9]\\d{0,128})";
    public const string StreamArnPattern = "arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+";
    public const string ConsumerArnPattern = "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+";

    private const int MaxListed = 10;

    /// <summary>Longest prefix of a bad value echoed in a message, so a huge value cannot make a huge error.</summary>
    private const int MaxEchoed = 1024;
    private readonly List<string> _failures = [];

    public int Count { get; private set; }

    public bool HasErrors => Count > 0;

    public void Add(string? value, string path, string constraint, bool quote = true)
    {
        Count++;
        if (_failures.Count >= MaxListed)
        {
            return;
        }

        if (value is { Length: > MaxEchoed })
        {
            value = value[..MaxEchoed];
        }

        var shown = value is null ? "null" : quote ? "'" + value + "'" : value;
        _failures.Add($"Value {shown} at '{path}' failed to satisfy constraint: {constraint}");
    }

    public void Required(object? value, string path)
    {
        if (value is null)
        {
            Add(null, path, "Member must not be null");
        }
    }

    public void Length(string? value, string path, int min, int max)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length < min)
        {
            Add(value, path, "Member must have length greater than or equal to " + min.ToString(CultureInfo.InvariantCulture));
        }
        else if (value.Length > max)
        {
            Add(value, path, "Member must have length less than or equal to " + max.ToString(CultureInfo.InvariantCulture));
        }
    }

    public void Range(long? value, string path, long min, long max)
    {
        if (value is not { } v)
        {
            return;
        }

        var text = v.ToString(CultureInfo.InvariantCulture);
        if (v < min)
        {
            Add(text, path, "Member must have value greater than or equal to " + min.ToString(CultureInfo.InvariantCulture));
        }
        else if (v > max)
        {
            Add(text, path, "Member must have value less than or equal to " + max.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Checks how many elements a list member has; the list is shown as Java prints it (<c>[a, b]</c>).</summary>
    public void ListLength(IReadOnlyList<string>? values, string path, int min, int max)
    {
        if (values is not null && (values.Count < min || values.Count > max))
        {
            CollectionLength(values.Count, "[" + string.Join(", ", values) + "]", path, min, max);
        }
    }

    /// <summary>Checks how many entries a map member has; the map is shown as Java prints it (<c>{k=v, k2=v2}</c>).</summary>
    public void MapLength(IReadOnlyDictionary<string, string>? map, string path, int min, int max)
    {
        if (map is not null && (map.Count < min || map.Count > max))
        {
            CollectionLength(map.Count, "{" + string.Join(", ", map.Select(static e => e.Key + "=" + e.Value)) + "}", path, min, max);
        }
    }

    private void CollectionLength(int count, string shown, string path, int min, int max)
    {
        if (count < min)
        {
            Add(shown, path, "Member must have length greater than or equal to " + min.ToString(CultureInfo.InvariantCulture));
        }
        else if (count > max)
        {
            Add(shown, path, "Member must have length less than or equal to " + max.ToString(CultureInfo.InvariantCulture));
        }
    }

    public void Pattern(string? value, string path, Func<string, bool> matches, string pattern)
    {
        if (value is not null && !matches(value))
        {
            Add(value, path, "Member must satisfy regular expression pattern: " + pattern);
        }
    }

    public void Enum(string? value, string path, IReadOnlyList<string> allowed)
    {
        if (value is null)
        {
            return;
        }

        foreach (var candidate in allowed)
        {
            if (candidate == value)
            {
                return;
            }
        }

        Add(value, path, "Member must satisfy enum value set: [" + string.Join(", ", allowed) + "]");
    }

    /// <summary>Checks a StreamName member: length 1–128 and the name pattern.</summary>
    public void StreamName(string? value, string path = "streamName")
    {
        Length(value, path, 1, 128);
        Pattern(value, path, Patterns.IsName, StreamNamePattern);
    }

    /// <summary>Checks a StreamARN member: length 1–2048 and the ARN pattern.</summary>
    public void StreamArn(string? value, string path = "streamARN")
    {
        Length(value, path, 1, 2048);
        Pattern(value, path, Patterns.IsStreamArn, StreamArnPattern);
    }

    /// <summary>Checks a ConsumerName member: length 1–128 and the name pattern.</summary>
    public void ConsumerName(string? value, string path = "consumerName") => StreamName(value, path);

    /// <summary>Checks a ConsumerARN member: length 1–2048 and the consumer ARN pattern.</summary>
    public void ConsumerArn(string? value, string path = "consumerARN")
    {
        Length(value, path, 1, 2048);
        Pattern(value, path, Patterns.IsConsumerArn, ConsumerArnPattern);
    }

    public KinesisException ToException()
    {
        var builder = new StringBuilder();
        builder.Append(Count.ToString(CultureInfo.InvariantCulture));
        builder.Append(Count == 1 ? " validation error detected: " : " validation errors detected: ");
        builder.AppendJoin("; ", _failures);
        return KinesisErrors.ValidationError(builder.ToString());
    }

    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw ToException();
        }
    }
}
