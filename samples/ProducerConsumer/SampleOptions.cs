using System.Globalization;

namespace ProducerConsumer;

/// <summary>Command line: --endpoint, --stream, --records, --workers, [--efo], [--no-aggregation], [--bench].</summary>
internal sealed class SampleOptions
{
    public Uri? Endpoint { get; private set; }

    public string Stream { get; private set; } = "sample";

    public int Records { get; private set; } = 1000;

    public int Workers { get; private set; } = 2;

    public bool FanOut { get; private set; }

    public bool Aggregation { get; private set; } = true;

    public bool Bench { get; private set; }

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(120);

    public static SampleOptions Parse(string[] args)
    {
        var o = new SampleOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--endpoint": o.Endpoint = new Uri(Next()); break;
                case "--stream": o.Stream = Next(); break;
                case "--records": o.Records = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--workers": o.Workers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--timeout-seconds": o.Timeout = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--efo": o.FanOut = true; break;
                case "--no-aggregation": o.Aggregation = false; break;
                case "--bench": o.Bench = true; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        if (o.Records < 1 || o.Workers < 1)
        {
            throw new ArgumentException("--records and --workers must be at least 1");
        }

        return o;
    }
}
