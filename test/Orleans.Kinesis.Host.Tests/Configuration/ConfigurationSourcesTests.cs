using System.Text.Json.Nodes;

namespace Orleans.Kinesis.Host.Tests.Configuration;

/// <summary>Every option binds from appsettings.json, the environment and the command line, with .NET's precedence.</summary>
public sealed class ConfigurationSourcesTests
{
    private const string EncryptionKey = "b3JsZWFucy1raW5lc2lzLWNvbmZpZy10ZXN0LWtleSE=";
    private const string Hook = "arn:aws:lambda:us-east-1:111111111111:function:transform=http://127.0.0.1:9/hook";

    /// <summary>Property, configuration value, command-line flag (with its value), what --show-config prints.</summary>
    private static readonly (string Property, string Value, string[] Flag, string Printed)[] Settings =
    [
        ("Host", "127.0.0.2", ["--host", "127.0.0.2"], "127.0.0.2"),
        ("Port", "5001", ["--port", "5001"], "5001"),
        ("DataDirectory", "d1", ["--data", "d1"], "d1"),
        ("Storage", "blob", ["--storage", "blob"], "blob"),
        ("BlobEndpoint", "https://acct.blob.core.windows.net/", ["--blob-endpoint", "https://acct.blob.core.windows.net/"], "https://acct.blob.core.windows.net/"),
        ("BlobContainer", "c1", ["--blob-container", "c1"], "c1"),
        ("Region", "eu-west-1", ["--region", "eu-west-1"], "eu-west-1"),
        ("AccountId", "111111111111", ["--account", "111111111111"], "111111111111"),
        ("CreateStreamDelayMs", "11", ["--create-stream-ms", "11"], "11"),
        ("DeleteStreamDelayMs", "12", ["--delete-stream-ms", "12"], "12"),
        ("UpdateStreamDelayMs", "13", ["--update-stream-ms", "13"], "13"),
        ("ConsumerTransitionDelayMs", "14", ["--consumer-transition-ms", "14"], "14"),
        ("ShardLimit", "15", ["--shard-limit", "15"], "15"),
        ("ThroughputLimits", "false", ["--no-throughput-limits"], "false"),
        ("ControlPlaneLimits", "false", ["--no-control-plane-limits"], "false"),
        ("EncryptionKey", EncryptionKey, ["--encryption-key", EncryptionKey], "(set)"),
        ("AccessKeys", "AKIDONE:s1,AKIDTWO:s2", ["--access-key", "AKIDONE:s1", "--access-key", "AKIDTWO:s2"], "[\"AKIDONE\",\"AKIDTWO\"]"),
        ("FirehoseHooks", Hook, ["--firehose-hook", Hook], $"[\"{Hook}\"]"),
        ("TransformTimeoutMs", "16", ["--transform-timeout-ms", "16"], "16"),
        ("SubscriptionLifetimeMs", "200000", ["--subscription-lifetime-ms", "200000"], "200000"),
        ("MaxRequestsPerConnection", "7", ["--max-requests-per-connection", "7"], "7"),
        ("MaxQueuedRequestsPerConnection", "8", ["--max-queued-requests-per-connection", "8"], "8"),
        ("Clustering", "azure-table", ["--clustering", "azure-table"], "azure-table"),
        ("ClusterId", "blue-2", ["--cluster-id", "blue-2"], "blue-2"),
        ("AdvertiseAddress", "10.0.0.7", ["--advertise-address", "10.0.0.7"], "10.0.0.7"),
        ("AdvertiseSiloPort", "11112", ["--advertise-silo-port", "11112"], "11112"),
        ("AdvertiseSiloGatewayPort", "30001", ["--advertise-silo-gateway-port", "30001"], "30001"),
        ("TableEndpoint", "https://acct.table.core.windows.net/", ["--table-endpoint", "https://acct.table.core.windows.net/"], "https://acct.table.core.windows.net/"),
    ];

    private static void AssertAll(JsonObject printed)
    {
        foreach (var (property, _, _, expected) in Settings)
        {
            var node = printed[property]!;
            Assert.True(expected == (node is JsonArray ? node.ToJsonString() : node.ToString()), $"{property}: expected {expected}, printed {node.ToJsonString()}");
        }

        Assert.True((bool)printed["VerifySignatures"]!);
    }

    [Fact]
    public async Task EveryOption_BindsFromAppsettingsJson()
    {
        using var host = new HostRun();
        var settings = new JsonObject();
        foreach (var (property, value, _, _) in Settings)
        {
            settings[property] = value;
        }

        host.WriteJson("appsettings.json", settings);

        AssertAll(await host.ShowConfigAsync());
    }

    [Fact]
    public async Task EveryOption_BindsFromOrleansKinesisEnvironmentVariables()
    {
        using var host = new HostRun();
        foreach (var (property, value, _, _) in Settings)
        {
            host.Environment["OrleansKinesis__" + property] = value;
        }

        AssertAll(await host.ShowConfigAsync());
    }

    [Fact]
    public async Task EveryOption_BindsFromItsCommandLineFlag()
    {
        using var host = new HostRun();

        AssertAll(await host.ShowConfigAsync(Settings.SelectMany(setting => setting.Flag).ToArray()));
    }

    [Fact]
    public async Task Sources_StackAsInDotNet_AppsettingsThenEnvironmentFileThenVariablesThenCommandLine()
    {
        using var host = new HostRun();
        host.WriteJson("appsettings.json", new JsonObject { ["Port"] = 1001, ["Region"] = "from-appsettings", ["AccountId"] = "111111111111", ["ShardLimit"] = 7 });
        host.WriteJson("appsettings.Staging.json", new JsonObject { ["Port"] = 1002, ["Region"] = "from-staging" });
        host.Environment["DOTNET_ENVIRONMENT"] = "Staging";
        host.Environment["OrleansKinesis__Port"] = "1003";
        host.Environment["OrleansKinesis__AccountId"] = "222222222222";

        var printed = await host.ShowConfigAsync("--port", "1004");

        Assert.Equal(1004, (int)printed["Port"]!);
        Assert.Equal("from-staging", (string?)printed["Region"]);
        Assert.Equal("222222222222", (string?)printed["AccountId"]);
        Assert.Equal(7, (int)printed["ShardLimit"]!);
    }

    [Fact]
    public async Task OlderVariables_StillWork_AndYieldToTheConfigurationKeys()
    {
        using var host = new HostRun();
        host.Environment["ORLEANS_KINESIS_ACCESS_KEYS"] = "AKIDLEGACY:old";
        host.Environment["ORLEANS_KINESIS_ENCRYPTION_KEY"] = EncryptionKey;

        var legacy = await host.ShowConfigAsync();
        host.Environment["OrleansKinesis__AccessKeys"] = "AKIDNEW:new";
        var configured = await host.ShowConfigAsync();
        var commandLine = await host.ShowConfigAsync("--access-key", "AKIDFLAG:flag");

        Assert.Equal("[\"AKIDLEGACY\"]", legacy["AccessKeys"]!.ToJsonString());
        Assert.Equal("(set)", (string?)legacy["EncryptionKey"]);
        Assert.Equal("[\"AKIDNEW\"]", configured["AccessKeys"]!.ToJsonString());
        Assert.Equal("[\"AKIDFLAG\"]", commandLine["AccessKeys"]!.ToJsonString());
    }

    [Fact]
    public async Task ShowConfig_NeverPrintsASecret()
    {
        using var host = new HostRun();
        host.Environment["OrleansKinesis__BlobConnectionString"] = "AccountName=a;AccountKey=c2VjcmV0LWFjY291bnQta2V5;BlobEndpoint=http://127.0.0.1:1/a";

        var result = await host.RunAsync("--show-config", "--storage", "blob", "--access-key", "AKIDX:very-secret-value", "--encryption-key", EncryptionKey);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("very-secret-value", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(EncryptionKey, result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWFjY291bnQta2V5", result.Stdout, StringComparison.Ordinal);
    }
}
