using Orleans.Kinesis.Host;

KinesisHostOptions options;
try
{
    options = KinesisHostOptions.Parse(KinesisHostOptions.WithEnvironment(args, Environment.GetEnvironmentVariable));
    if (Environment.GetEnvironmentVariable("ORLEANS_KINESIS_ACCESS_KEYS") is { Length: > 0 } keys)
    {
        KinesisHostOptions.AddAccessKeys(options, keys);
    }

    if (options.EncryptionKey is null && Environment.GetEnvironmentVariable("ORLEANS_KINESIS_ENCRYPTION_KEY") is { Length: > 0 } encryptionKey)
    {
        options.EncryptionKey = KinesisHostOptions.ParseEncryptionKey(encryptionKey);
    }

    options.CertificatePassword ??= Environment.GetEnvironmentVariable("ORLEANS_KINESIS_CERTIFICATE_PASSWORD");
    options.CheckExposure();
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
