using Orleans.Kinesis.Host;

KinesisHostOptions options;
try
{
    options = KinesisHostOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(KinesisHostOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(KinesisHostOptions.Usage);
    return 0;
}

await using var app = KinesisServer.Build(options);
await app.StartAsync();
var storage = options.InMemory ? "in memory" : "files in " + Path.GetFullPath(options.DataDirectory);
Console.WriteLine($"Orleans.Kinesis listening on {KinesisServer.Endpoint(app).ToString().TrimEnd('/')} (storage: {storage}). Press Ctrl+C to stop.");
await app.WaitForShutdownAsync();
return 0;
