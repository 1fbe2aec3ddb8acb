using System.Globalization;
using System.Text;

namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>
/// S3 prefixes with <c>!{namespace:value}</c> expressions (spec firehose.md §5): validation as CreateDeliveryStream
/// applies it, the default <c>yyyy/MM/dd/HH/</c> time path, and evaluation for one object.
/// </summary>
public static class PrefixTemplate
{
    public const string ErrorOutputType = "error-output-type";
    public const string RandomString = "random-string";
    private const string DefaultTimePath = "!{timestamp:yyyy/MM/dd/HH/}";

    /// <summary>Null when the pair is valid, else the InvalidArgumentException message.</summary>
    public static string? Validate(string? prefix, string? errorOutputPrefix)
    {
        var data = Scan(prefix, errorPrefix: false, out var dataExpressions);
        if (data is not null)
        {
            return data;
        }

        if (errorOutputPrefix is null)
        {
            return dataExpressions > 0
                ? "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions."
                : null;
        }

        var error = Scan(errorOutputPrefix, errorPrefix: true, out _);
        if (error is not null)
        {
            return error;
        }

        return errorOutputPrefix.Contains("!{firehose:error-output-type}", StringComparison.Ordinal)
            ? null
            : "The ErrorOutputPrefix must contain at least one !{firehose:error-output-type} expression.";
    }

    /// <summary>The key prefix of a data object whose oldest record arrived at <paramref name="time"/>.</summary>
    public static string EvaluateData(string? prefix, DateTimeOffset time, TimeZoneInfo zone)
        => Evaluate(WithTimePath(prefix ?? ""), time, zone, null);

    /// <summary>The key prefix of an error object of <paramref name="errorType"/> (e.g. processing-failed).</summary>
    public static string EvaluateError(string? prefix, string? errorOutputPrefix, string errorType, DateTimeOffset time, TimeZoneInfo zone)
    {
        var template = errorOutputPrefix ?? (prefix ?? "") + "!{firehose:error-output-type}/";
        return Evaluate(WithTimePath(template), time, zone, errorType);
    }

    private static string WithTimePath(string template)
        => template.Contains("!{timestamp:", StringComparison.Ordinal) ? template : template + DefaultTimePath;

    private static string? Scan(string? template, bool errorPrefix, out int expressions)
    {
        expressions = 0;
        if (string.IsNullOrEmpty(template))
        {
            return null;
        }

        var at = 0;
        while ((at = template.IndexOf("!{", at, StringComparison.Ordinal)) >= 0)
        {
            var end = template.IndexOf('}', at);
            var colon = end < 0 ? -1 : template.IndexOf(':', at, end - at);
            if (colon < 0)
            {
                return $"The expression starting at position {at} is not of the form !{{namespace:value}}.";
            }

            var space = template[(at + 2)..colon];
            var value = template[(colon + 1)..end];
            var problem = space switch
            {
                "timestamp" => TimeFormat.Check(value),
                "firehose" when value == RandomString => null,
                "firehose" when value == ErrorOutputType => errorPrefix ? null : "The !{firehose:error-output-type} expression is only allowed in ErrorOutputPrefix.",
                "firehose" => $"Unsupported firehose expression value: {value}.",
                "partitionKeyFromQuery" or "partitionKeyFromLambda" => "Dynamic partitioning expressions are only allowed when dynamic partitioning is enabled.",
                _ => $"Unsupported expression namespace: {space}.",
            };
            if (problem is not null)
            {
                return problem;
            }

            expressions++;
            at = end + 1;
        }

        return template.Length > 512 ? "The prefix must be at most 512 characters once evaluated." : null;
    }

    private static string Evaluate(string template, DateTimeOffset time, TimeZoneInfo zone, string? errorType)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        var output = new StringBuilder(template.Length + 32);
        var at = 0;
        while (true)
        {
            var start = template.IndexOf("!{", at, StringComparison.Ordinal);
            if (start < 0)
            {
                output.Append(template, at, template.Length - at);
                return output.ToString();
            }

            output.Append(template, at, start - at);
            var end = template.IndexOf('}', start);
            var colon = template.IndexOf(':', start, end - start);
            var space = template[(start + 2)..colon];
            var value = template[(colon + 1)..end];
            if (space == "timestamp")
            {
                TimeFormat.Append(output, value, local);
            }
            else if (value == ErrorOutputType)
            {
                output.Append(errorType);
            }
            else
            {
                output.Append(Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture).AsSpan(0, 11));
            }

            at = end + 1;
        }
    }
}
