using System.Collections;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Configuration;

/// <summary>
/// Runs the real Host executable to its exit (<c>--help</c>, <c>--show-config</c>, a rejected configuration) in its
/// own working directory (the content root, where appsettings*.json are read), with a clean environment: nothing
/// the test runner has in OrleansKinesis__*, ORLEANS_KINESIS_*, ASPNETCORE_* or DOTNET_ENVIRONMENT leaks in.
/// </summary>
internal sealed class HostRun : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public HostRun() => Directory = System.IO.Directory.CreateTempSubdirectory("orleans-kinesis-config-").FullName;

    public string Directory { get; }

    public Dictionary<string, string?> Environment { get; } = Clean();

    public void WriteJson(string fileName, JsonObject settings) =>
        File.WriteAllText(Path.Combine(Directory, fileName), new JsonObject { ["OrleansKinesis"] = settings }.ToJsonString());

    public Task<ChildProcessResult> RunAsync(params string[] args) =>
        ChildProcess.RunAsync(RepoPaths.DotnetHost, [RepoPaths.HostDll, .. args], Bound, Environment, Directory);

    /// <summary>The effective settings, as <c>--show-config</c> prints them.</summary>
    public async Task<JsonObject> ShowConfigAsync(params string[] args)
    {
        var result = await RunAsync([.. args, "--show-config"]);
        Assert.True(result.ExitCode == 0, result.Describe());
        return JsonNode.Parse(result.Stdout)!.AsObject();
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static Dictionary<string, string?> Clean()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = null,
            ["ASPNETCORE_HTTP_PORTS"] = null,
            ["ASPNETCORE_HTTPS_PORTS"] = null,
            ["DOTNET_URLS"] = null,
            ["ASPNETCORE_ENVIRONMENT"] = null,
            ["DOTNET_ENVIRONMENT"] = null,
        };
        foreach (DictionaryEntry variable in System.Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (name.StartsWith("OrleansKinesis__", StringComparison.OrdinalIgnoreCase) || name.StartsWith("ORLEANS_KINESIS_", StringComparison.Ordinal))
            {
                environment[name] = null;
            }
        }

        return environment;
    }
}
