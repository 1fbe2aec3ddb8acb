using Orleans.Kinesis.Abstractions.Errors;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>The service's tag rules: at most 50 tags, keys 1–128 and values 0–256 characters, no <c>aws:</c> prefix, allowed characters only.</summary>
public static class TagRules
{
    public const int MaxTags = 50;

    public static void Validate(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > MaxTags)
        {
            throw KinesisErrors.InvalidArgumentError($"Number of tags specified ({tags.Count}) exceeds the limit of {MaxTags} tags per stream.");
        }

        foreach (var (key, value) in tags)
        {
            if (key.Length is < 1 or > 128 || value.Length > 256 || !IsAllowed(key) || !IsAllowed(value))
            {
                throw KinesisErrors.InvalidArgumentError("Tag keys and values may contain only Unicode letters, digits, white space and _ . / = + - % @, with keys of 1 to 128 and values of 0 to 256 characters.");
            }

            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw KinesisErrors.InvalidArgumentError($"Tag key {key} uses the reserved prefix aws:.");
            }
        }
    }

    private static bool IsAllowed(string text)
    {
        foreach (var c in text)
        {
            if (!(char.IsLetterOrDigit(c) || char.IsWhiteSpace(c) || c is '_' or '.' or '/' or '=' or '+' or '-' or '%' or '@' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
