using System.Globalization;

namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// Metric math of GetMetricData: numbers, query ids, <c>+ - * /</c>, unary minus, parentheses, arrays
/// <c>[m1, m2]</c>, and the functions SUM, AVG, MIN, MAX (per timestamp over an array; over one series, a single
/// value), ABS, FILL(series, value), PERIOD(series) and METRICS(). Series combine on their common timestamps;
/// a value that is not finite (e.g. a division by zero) is dropped. Anything else is a ValidationError, as AWS
/// answers an expression it cannot evaluate.
/// </summary>
internal sealed class MetricMath
{
    private readonly string _id;
    private readonly string _text;
    private readonly Func<string, MetricTimeSeries> _resolve;
    private readonly Func<IReadOnlyList<MetricTimeSeries>> _metrics;
    private readonly Func<int, IEnumerable<DateTimeOffset>> _grid;
    private int _at;

    private MetricMath(string id, string text, Func<string, MetricTimeSeries> resolve, Func<IReadOnlyList<MetricTimeSeries>> metrics, Func<int, IEnumerable<DateTimeOffset>> grid)
    {
        _id = id;
        _text = text;
        _resolve = resolve;
        _metrics = metrics;
        _grid = grid;
    }

    /// <summary>Evaluates <paramref name="text"/>; a scalar result becomes a series over the period grid.</summary>
    /// <param name="resolve">Another query's series by id (throws for an unknown id).</param>
    /// <param name="metrics">Every MetricStat query's series, for METRICS().</param>
    /// <param name="grid">The period starts of the requested window for a period (minutes).</param>
    public static MetricTimeSeries Evaluate(
        string id,
        string text,
        string label,
        int defaultPeriod,
        Func<string, MetricTimeSeries> resolve,
        Func<IReadOnlyList<MetricTimeSeries>> metrics,
        Func<int, IEnumerable<DateTimeOffset>> grid)
    {
        var math = new MetricMath(id, text, resolve, metrics, grid);
        var value = math.Expression();
        math.Skip();
        if (math._at < text.Length)
        {
            throw math.Error($"Unexpected '{text[math._at]}' at position {math._at + 1}");
        }

        return value switch
        {
            double scalar => double.IsFinite(scalar)
                ? Fill(new MetricTimeSeries(new(), defaultPeriod, label), scalar, grid)
                : new MetricTimeSeries(new(), defaultPeriod, label),
            MetricTimeSeries series => series with { Label = label },
            _ => throw math.Error("The expression must produce one time series, not an array"),
        };
    }

    private object Expression()
    {
        var left = Term();
        while (Peek() is '+' or '-')
        {
            var op = _text[_at++];
            left = Combine(left, Term(), op);
        }

        return left;
    }

    private object Term()
    {
        var left = Unary();
        while (Peek() is '*' or '/')
        {
            var op = _text[_at++];
            left = Combine(left, Unary(), op);
        }

        return left;
    }

    private object Unary()
    {
        if (Peek() == '-')
        {
            _at++;
            return Combine(0d, Unary(), '-');
        }

        return Primary();
    }

    private object Primary()
    {
        var next = Peek();
        if (next == '(')
        {
            _at++;
            var inner = Expression();
            Expect(')');
            return inner;
        }

        if (next == '[')
        {
            _at++;
            var items = new List<MetricTimeSeries>();
            do
            {
                items.AddRange(Series(Expression(), "an array"));
            }
            while (Accept(','));
            Expect(']');
            return items;
        }

        if (char.IsAsciiDigit(next) || next == '.')
        {
            var start = _at;
            while (_at < _text.Length && (char.IsAsciiDigit(_text[_at]) || _text[_at] == '.'))
            {
                _at++;
            }

            return double.TryParse(_text.AsSpan(start, _at - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw Error($"Invalid number '{_text[start.._at]}'");
        }

        if (char.IsAsciiLetter(next))
        {
            var start = _at;
            while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] == '_'))
            {
                _at++;
            }

            var name = _text[start.._at];
            return Peek() == '(' ? Function(name) : _resolve(name);
        }

        throw Error(_at < _text.Length ? $"Unexpected '{_text[_at]}' at position {_at + 1}" : "Unexpected end of expression");
    }

    private object Function(string name)
    {
        Expect('(');
        var arguments = new List<object>();
        if (!Accept(')'))
        {
            do
            {
                arguments.Add(Expression());
            }
            while (Accept(','));
            Expect(')');
        }

        switch (name.ToUpperInvariant())
        {
            case "METRICS" when arguments.Count == 0:
                return _metrics().ToList();
            case "SUM" or "AVG" or "MIN" or "MAX" when arguments.Count == 1:
                return Aggregate(name.ToUpperInvariant(), arguments[0]);
            case "ABS" when arguments.Count == 1:
                return Map(arguments[0], Math.Abs);
            case "PERIOD" when arguments.Count == 1 && arguments[0] is MetricTimeSeries series:
                return series.PeriodMinutes * 60d;
            case "FILL" when arguments.Count == 2 && arguments[0] is MetricTimeSeries series && arguments[1] is double value:
                return Fill(series, value, _grid);
            default:
                throw Error($"Unsupported function or arguments: {name} with {arguments.Count} argument(s). Supported: SUM, AVG, MIN, MAX, ABS, FILL, PERIOD, METRICS");
        }
    }

    private object Aggregate(string function, object argument)
    {
        if (argument is MetricTimeSeries single)
        {
            return single.Points.Count == 0 ? double.NaN : Reduce(function, single.Points.Values.ToList());
        }

        var array = Series(argument, function);
        var points = new SortedDictionary<DateTimeOffset, double>();
        foreach (var time in array.SelectMany(s => s.Points.Keys).Distinct())
        {
            var values = array.Where(s => s.Points.ContainsKey(time)).Select(s => s.Points[time]).ToList();
            points[time] = Reduce(function, values);
        }

        return new MetricTimeSeries(points, array.Count > 0 ? array[0].PeriodMinutes : 1, "");
    }

    private static double Reduce(string function, List<double> values) => function switch
    {
        "SUM" => values.Sum(),
        "AVG" => values.Average(),
        "MIN" => values.Min(),
        _ => values.Max(),
    };

    private object Combine(object left, object right, char op)
    {
        static double Apply(double a, double b, char op) => op switch { '+' => a + b, '-' => a - b, '*' => a * b, _ => a / b };
        return (left, right) switch
        {
            (double a, double b) => Apply(a, b, op),
            (MetricTimeSeries a, double b) => Map(a, v => Apply(v, b, op)),
            (double a, MetricTimeSeries b) => Map(b, v => Apply(a, v, op)),
            (MetricTimeSeries a, MetricTimeSeries b) => Join(a, b, (x, y) => Apply(x, y, op)),
            _ => throw Error($"The operator {op} does not apply to arrays"),
        };
    }

    private object Map(object value, Func<double, double> map)
    {
        if (value is double scalar)
        {
            return map(scalar);
        }

        if (value is not MetricTimeSeries series)
        {
            throw Error("A function of one value was given an array");
        }

        var points = new SortedDictionary<DateTimeOffset, double>();
        foreach (var (time, v) in series.Points)
        {
            var result = map(v);
            if (double.IsFinite(result))
            {
                points[time] = result;
            }
        }

        return series with { Points = points };
    }

    private static MetricTimeSeries Join(MetricTimeSeries left, MetricTimeSeries right, Func<double, double, double> apply)
    {
        var points = new SortedDictionary<DateTimeOffset, double>();
        foreach (var (time, value) in left.Points)
        {
            if (right.Points.TryGetValue(time, out var other) && apply(value, other) is var result && double.IsFinite(result))
            {
                points[time] = result;
            }
        }

        return left with { Points = points };
    }

    private static MetricTimeSeries Fill(MetricTimeSeries series, double value, Func<int, IEnumerable<DateTimeOffset>> grid)
    {
        var points = new SortedDictionary<DateTimeOffset, double>(series.Points);
        foreach (var time in grid(series.PeriodMinutes))
        {
            points.TryAdd(time, value);
        }

        return series with { Points = points };
    }

    private List<MetricTimeSeries> Series(object value, string where) => value switch
    {
        MetricTimeSeries one => [one],
        List<MetricTimeSeries> many => many,
        _ => throw Error($"{where} needs time series, not a number"),
    };

    private char Peek()
    {
        Skip();
        return _at < _text.Length ? _text[_at] : '\0';
    }

    private void Skip()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private bool Accept(char expected)
    {
        if (Peek() != expected)
        {
            return false;
        }

        _at++;
        return true;
    }

    private void Expect(char expected)
    {
        if (!Accept(expected))
        {
            throw Error($"Expected '{expected}' at position {_at + 1}");
        }
    }

    private CloudWatchException Error(string detail) => new("ValidationError", $"Error in expression '{_id}': {detail}.");
}
