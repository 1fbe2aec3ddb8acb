using System.Diagnostics;

namespace Orleans.Kinesis.Client.Tests.Infrastructure;

/// <summary>kinesalite (test/js/node_modules) in memory on a free loopback port, killed on dispose.</summary>
public sealed class KinesaliteFixture : IKinesisEndpoint, IAsyncLifetime
{
    private Process? _process;

    public string Name => "kinesalite";

    public Uri Endpoint { get; private set; } = null!;

    public KinesisClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot();
        var launcher = Path.Combine(root, "test", "js", "kinesalite-loopback.cjs");
        if (!File.Exists(Path.Combine(root, "test", "js", "node_modules", "kinesalite", "package.json")))
        {
            throw new FileNotFoundException("kinesalite is not installed; run: npm ci --prefix test/js --ignore-scripts");
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(launcher);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        start.ArgumentList.Add("--shardLimit");
        start.ArgumentList.Add("1000");
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, e) =>
        {
            const string Prefix = "Listening at ";
            if (e.Data is { } line && line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                ready.TrySetResult(new Uri(line[Prefix.Length..].Trim()));
            }
        };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Endpoint = await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Client = new KinesisClient(TestClients.Options(Endpoint));
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Orleans.Kinesis.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }
}
