using ProducerConsumer;

SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("usage: ProducerConsumer --endpoint <url> --stream <name> --records <n> --workers <w> [--efo] [--no-aggregation] [--bench]");
    return 2;
}

return options.Bench ? await Bench.RunAsync(options) : await Run.ExecuteAsync(options);
