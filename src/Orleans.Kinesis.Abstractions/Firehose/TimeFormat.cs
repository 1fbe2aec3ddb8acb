using System.Globalization;
using System.Text;

namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>
/// The part of Java's DateTimeFormatter patterns that S3 prefixes use: y, M, d, D, H, h, m, s, S and a, text in
/// single quotes ('' for a quote) and any other non-letter character as itself.
/// </summary>
public static class TimeFormat
{
    private const string Letters = "yuMdDHhmsSa";

    /// <summary>Null when the pattern is supported, else why not.</summary>
    public static string? Check(string pattern)
    {
        if (pattern.Length == 0)
        {
            return "The timestamp expression needs a date-time pattern.";
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                var close = pattern.IndexOf('\'', i + 1);
                if (close < 0)
                {
                    return $"Unterminated quoted text in timestamp pattern '{pattern}'.";
                }

                i = close;
            }
            else if (char.IsAsciiLetter(c) && !Letters.Contains(c, StringComparison.Ordinal))
            {
                return $"Unsupported letter '{c}' in timestamp pattern '{pattern}'.";
            }
        }

        return null;
    }

    public static void Append(StringBuilder output, string pattern, DateTimeOffset time)
    {
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                var close = pattern.IndexOf('\'', i + 1);
                output.Append(close == i + 1 ? "'" : pattern[(i + 1)..close]);
                i = close + 1;
                continue;
            }

            var run = 1;
            while (i + run < pattern.Length && pattern[i + run] == c)
            {
                run++;
            }

            i += run;
            switch (c)
            {
                case 'y' or 'u':
                    output.Append(run == 2 ? (time.Year % 100).ToString("D2", CultureInfo.InvariantCulture) : time.Year.ToString("D" + run, CultureInfo.InvariantCulture));
                    break;
                case 'M':
                    output.Append(run >= 3 ? CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(time.Month) : Number(time.Month, run));
                    break;
                case 'd':
                    output.Append(Number(time.Day, run));
                    break;
                case 'D':
                    output.Append(Number(time.DayOfYear, run));
                    break;
                case 'H':
                    output.Append(Number(time.Hour, run));
                    break;
                case 'h':
                    output.Append(Number(time.Hour % 12 == 0 ? 12 : time.Hour % 12, run));
                    break;
                case 'm':
                    output.Append(Number(time.Minute, run));
                    break;
                case 's':
                    output.Append(Number(time.Second, run));
                    break;
                case 'S':
                    output.Append(time.ToString(new string('f', Math.Min(run, 7)), CultureInfo.InvariantCulture));
                    break;
                case 'a':
                    output.Append(time.Hour < 12 ? "AM" : "PM");
                    break;
                default:
                    output.Append(c, run);
                    break;
            }
        }
    }

    private static string Number(int value, int width) => value.ToString("D" + width, CultureInfo.InvariantCulture);
}
