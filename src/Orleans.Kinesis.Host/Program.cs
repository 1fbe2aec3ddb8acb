using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Host;
using Orleans.Kinesis.Host.Configuration;

var commandLine = KinesisCommandLine.Parse(args);
if (commandLine.Errors.Count > 0)
{
    foreach (var error in commandLine.Errors)
    {
        Console.Error.WriteLine(error);
    }

    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}

if (commandLine.ShowHelp)
{
    Console.WriteLine(KinesisCommandLine.Help());
    return 0;
}

// appsettings.json, appsettings.{Environment}.json and environment variables come with the builder.
var builder = WebApplication.CreateSlimBuilder();
KinesisConfiguration.AddSources(builder.Configuration, commandLine, Environment.GetEnvironmentVariable);
KinesisHostOptions options;
try
{
    options = KinesisConfiguration.Bind(builder.Configuration);
}
catch (OptionsValidationException error)
{
    foreach (var failure in error.Failures)
    {
        Console.Error.WriteLine(failure);
    }

    return 2;
}

if (commandLine.ShowConfiguration)
{
    Console.WriteLine(KinesisHostOptionsPrinter.ToJson(options));
    return 0;
}

builder.Services.AddKinesisHostOptions(builder.Configuration);
WebApplication built;
try
{
    built = KinesisServer.Build(builder, options);
}
catch (ArgumentException error)
{
    // Listening beyond loopback with no access key, or a TLS certificate that cannot be used.
    Console.Error.WriteLine(error.Message);
    return 2;
}
catch (InvalidDataException error)
{
    // A damaged key, or an encryption key other than the one the data was written with: say which, and stop.
    Console.Error.WriteLine("Orleans.Kinesis cannot start: " + error.Message);
    return 1;
}

await using var app = built;
await app.StartAsync();
var storage = options.Storage switch
{
    "memory" => "in memory",
    "blob" => "Azure Blob container " + options.BlobContainer + " at " + (options.BlobEndpoint?.ToString() ?? "the connection string's endpoint"),
    _ => "files in " + Path.GetFullPath(options.DataDirectory),
};
Console.WriteLine($"Orleans.Kinesis listening on {KinesisServer.Endpoint(app).ToString().TrimEnd('/')} (storage: {storage}). Press Ctrl+C to stop.");
Console.WriteLine(options.VerifySignatures
    ? $"Signatures are verified against {options.AccessKeys.Count} access key(s)."
    : "Signatures are not verified: bound to loopback with no access keys configured, any well-formed SigV4 signature is accepted.");
await app.WaitForShutdownAsync();
return 0;
