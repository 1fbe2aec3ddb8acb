using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.RealClients;

/// <summary>
/// Runs <c>aws kinesis …</c> (v1 or v2) against an endpoint with dummy credentials, JSON output and the machine's
/// AWS configuration shut out (config and credentials files that do not exist; no inherited profile, endpoint or proxy).
/// </summary>
public sealed class AwsCli : IDisposable
{
    private static readonly TimeSpan CliBound = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<int>> MajorVersion = new(ReadMajorVersionAsync);
    private readonly Uri _endpoint;
    private readonly TempDataDirectory _scratch = new("aws-cli");
    private readonly string _accessKeyId;
    private readonly string _secretAccessKey;

    public AwsCli(Uri endpoint, string accessKeyId = "AKIDEXAMPLE", string secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    {
        _endpoint = endpoint;
        _accessKeyId = accessKeyId;
        _secretAccessKey = secretAccessKey;
    }

    /// <summary>The CLI command group: <c>kinesis</c> unless set (e.g. <c>firehose</c>).</summary>
    public string Service { get; init; } = "kinesis";

    /// <summary>A folder for files given to the CLI (fileb://…); deleted on dispose.</summary>
    public string ScratchDirectory => _scratch.Path;

    public void Dispose() => _scratch.Dispose();

    /// <summary>Runs the command, asserts exit code 0 and returns the parsed JSON output (null when there is none).</summary>
    public async Task<JsonNode?> OkAsync(string command, params string[] arguments)
    {
        var result = await RunAsync(command, arguments);
        Assert.True(result.ExitCode == 0, $"aws {Service} {command} failed\n{result.Describe()}");
        return result.Stdout.Trim().Length == 0 ? null : JsonNode.Parse(result.Stdout);
    }

    public async Task<ChildProcessResult> RunAsync(string command, params string[] arguments)
    {
        List<string> all = [Service, command, .. arguments, "--endpoint-url", _endpoint.ToString().TrimEnd('/'), "--output", "json", "--region", "us-east-1"];
        if (await MajorVersion.Value >= 2)
        {
            // v2 reads blob arguments as base64 by default; v1 takes them raw (and has no such option).
            all.Add("--cli-binary-format");
            all.Add("raw-in-base64-out");
        }

        return await ChildProcess.RunAsync(Executable(), all, CliBound, Environment(_scratch.Path, _accessKeyId, _secretAccessKey), _scratch.Path);
    }

    private static string Executable()
    {
        var aws = RepoPaths.FindOnPath("aws");
        Assert.True(aws is not null, "the AWS CLI (`aws`) is not on PATH (CI installs the awscli package).");
        return aws!;
    }

    private static Dictionary<string, string?> Environment(string scratch, string accessKeyId = "AKIDEXAMPLE", string secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (key.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase) || key.EndsWith("_PROXY", StringComparison.OrdinalIgnoreCase))
            {
                environment[key] = null;
            }
        }

        environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        environment["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
        environment["AWS_DEFAULT_REGION"] = "us-east-1";
        environment["AWS_CONFIG_FILE"] = Path.Combine(scratch, "missing", "config");
        environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(scratch, "missing", "credentials");
        environment["AWS_EC2_METADATA_DISABLED"] = "true";
        environment["AWS_PAGER"] = string.Empty;
        environment["AWS_MAX_ATTEMPTS"] = "1";
        return environment;
    }

    private static async Task<int> ReadMajorVersionAsync()
    {
        using var scratch = new TempDataDirectory("aws-cli-version");
        var result = await ChildProcess.RunAsync(Executable(), ["--version"], CliBound, Environment(scratch.Path));
        var text = result.Stdout + result.Stderr; // v1 printed its version on stderr in older releases
        Assert.True(result.ExitCode == 0 && text.Contains("aws-cli/", StringComparison.Ordinal), $"`aws --version` did not name the CLI version\n{result.Describe()}");
        return text.Contains("aws-cli/1.", StringComparison.Ordinal) ? 1 : 2;
    }
}
