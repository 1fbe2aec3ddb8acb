using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Kinesis.Host.Tests.Monitoring;

/// <summary>
/// The histogram sums and counts of a Prometheus text exposition, keyed by base name (without the unit suffix) and
/// the sorted labels other than <c>otel_scope_*</c>, e.g. <c>aws_kinesis_IncomingRecords|StreamName=orders</c>.
/// </summary>
public sealed partial class PrometheusScrape
{
    private readonly Dictionary<string, double> _samples = new(StringComparer.Ordinal);

    public string Text { get; private init; } = "";

    public static PrometheusScrape Parse(string text)
    {
        var scrape = new PrometheusScrape { Text = text };
        foreach (var line in text.Split('\n'))
        {
            var match = Sample().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var labels = Label().Matches(match.Groups["labels"].Value)
                .Where(l => !l.Groups[1].Value.StartsWith("otel_scope", StringComparison.Ordinal))
                .Select(l => l.Groups[1].Value + "=" + l.Groups[2].Value)
                .Order(StringComparer.Ordinal);
            var key = match.Groups["name"].Value + "_" + match.Groups["kind"].Value + "|" + string.Join(",", labels);
            scrape._samples[key] = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return scrape;
    }

    /// <summary>The histogram's sum (<paramref name="kind"/> "sum") or sample count ("count") for exactly these labels.</summary>
    public double? Get(string metricName, string kind, Dictionary<string, string> labels)
    {
        var name = "aws_" + metricName.Replace('/', '_').Replace('.', '_');
        var key = name + "_" + kind + "|" + string.Join(",", labels.Select(l => l.Key + "=" + l.Value).Order(StringComparer.Ordinal));
        Assert.True(_samples.TryGetValue(key, out var value), $"no {key} on the scrape:\n{Text}");
        return value;
    }

    [GeneratedRegex(@"^(?<name>aws_[A-Za-z0-9_]+?)(_bytes|_milliseconds|_seconds|_ratio)?_(?<kind>sum|count)\{(?<labels>[^}]*)\} (?<value>[^ ]+)")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=""([^""]*)""")]
    private static partial Regex Label();
}
