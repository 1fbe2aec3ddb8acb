using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>Starts the servers under test on loopback: the Orleans host (Release build) and kinesalite (in memory).</summary>
internal static class ServerLauncher
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    public static Task<ServerProcess> StartAsync(string target, string storage, BenchmarkOptions options, RepositoryPaths paths, CancellationToken cancellationToken, bool metrics = true)
        => target switch
        {
            "orleans" => StartOrleansAsync(options, storage, paths, metrics, cancellationToken),
            "kinesalite" => StartKinesaliteAsync(paths, cancellationToken),
            _ => throw new ArgumentException($"unknown target {target}", nameof(target)),
        };

    /// <summary>One node of a cluster (<c>--clustering azure-table</c>) on the Azurite behind <paramref name="connectionString"/>.</summary>
    public static Task<ServerProcess> StartClusterNodeAsync(BenchmarkOptions options, RepositoryPaths paths, string connectionString, string clusterId, CancellationToken cancellationToken)
        => StartOrleansAsync(options, "blob", paths, metrics: true, cancellationToken, (connectionString, clusterId));

    private static async Task<ServerProcess> StartOrleansAsync(BenchmarkOptions options, string storage, RepositoryPaths paths, bool metrics, CancellationToken cancellationToken, (string ConnectionString, string ClusterId)? cluster = null)
    {
        var dll = options.HostDll;
        if (dll is null)
        {
            await BuildHostAsync(paths, cancellationToken);
            dll = paths.HostDll;
        }

        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"host assembly not found: {dll}");
        }

        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--host");
        start.ArgumentList.Add("127.0.0.1");
        start.ArgumentList.Add("--no-throughput-limits"); // the benchmark measures the server, not AWS's per-shard quotas
        start.ArgumentList.Add("--no-control-plane-limits");
        if (!metrics)
        {
            start.ArgumentList.Add("--no-metrics");
        }

        string? dataDir = null;
        Process? azurite = null;
        if (storage == "memory")
        {
            start.ArgumentList.Add("--in-memory");
        }
        else
        {
            dataDir = Directory.CreateTempSubdirectory("orleans-kinesis-bench-").FullName;
            start.ArgumentList.Add("--data");
            start.ArgumentList.Add(dataDir);
            if (cluster is { } shared)
            {
                start.ArgumentList.Add("--storage");
                start.ArgumentList.Add("blob");
                start.ArgumentList.Add("--clustering");
                start.ArgumentList.Add("azure-table");
                start.ArgumentList.Add("--cluster-id");
                start.ArgumentList.Add(shared.ClusterId);
                start.Environment["OrleansKinesis__BlobConnectionString"] = shared.ConnectionString;
            }
            else if (storage == "blob")
            {
                var blobPort = FreeLoopbackPort();
                azurite = await StartAzuriteAsync(paths, blobPort, Path.Combine(dataDir, "azurite"), cancellationToken);
                start.ArgumentList.Add("--storage");
                start.ArgumentList.Add("blob");
                start.ArgumentList.Add("--blob-connection-string");
                start.ArgumentList.Add(AzuriteConnectionString(blobPort, tablePort: null));
            }
        }

        var server = await ServerProcess.StartAsync("orleans", start, ReadyTimeout, dataDir is null ? null : () =>
        {
            if (azurite is not null)
            {
                azurite.Kill(entireProcessTree: true);
                azurite.WaitForExit();
                azurite.Dispose();
            }

            DeleteQuietly(dataDir);
        }, cancellationToken);
        server.DataDirectory = dataDir;
        return server;
    }

    /// <summary>The connection string of the emulator's development account on loopback ports.</summary>
    public static string AzuriteConnectionString(int blobPort, int? tablePort)
        => "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;"
            + (tablePort is { } table ? $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;" : string.Empty);

    /// <summary>
    /// Azurite from test/js (pinned 3.35.0): the Blob service, and with <paramref name="tablePort"/> the Table (and a
    /// Queue) service too; data in <paramref name="location"/>.
    /// </summary>
    public static async Task<Process> StartAzuriteAsync(RepositoryPaths paths, int port, string location, CancellationToken cancellationToken, int? tablePort = null)
    {
        var executable = Path.Combine(paths.Root, "test", "js", "node_modules", ".bin", tablePort is null ? "azurite-blob" : "azurite");
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"azurite is not installed ({executable}); run: npm ci --prefix test/js");
        }

        Directory.CreateDirectory(location);
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--blobHost", "127.0.0.1", "--blobPort", port.ToString(CultureInfo.InvariantCulture), "--disableTelemetry", "--silent", "--skipApiVersionCheck", "--location", location })
        {
            start.ArgumentList.Add(arg);
        }

        if (tablePort is { } table)
        {
            foreach (var arg in new[] { "--tableHost", "127.0.0.1", "--tablePort", table.ToString(CultureInfo.InvariantCulture), "--queueHost", "127.0.0.1", "--queuePort", FreeLoopbackPort().ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(arg);
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("azurite did not start");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, tablePort ?? port, cancellationToken);
                return process;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private static async Task<ServerProcess> StartKinesaliteAsync(RepositoryPaths paths, CancellationToken cancellationToken)
    {
        if (!File.Exists(paths.KinesaliteModule))
        {
            throw new FileNotFoundException($"kinesalite is not installed ({paths.KinesaliteModule}); run: npm ci --prefix test/js");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = Path.GetDirectoryName(paths.KinesaliteLauncher)! };
        start.ArgumentList.Add(paths.KinesaliteLauncher);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        return await ServerProcess.StartAsync("kinesalite", start, ReadyTimeout, cleanup: null, cancellationToken);
    }

    private static async Task BuildHostAsync(RepositoryPaths paths, CancellationToken cancellationToken)
    {
        PhaseContext.Progress($"building {paths.HostProject} (Release)");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = paths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "build", paths.HostProject, "-c", "Release", "-nologo", "-v", "q" })
        {
            start.ArgumentList.Add(arg);
        }

        using var build = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet build");
        var stdout = build.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = build.StandardError.ReadToEndAsync(cancellationToken);
        await build.WaitForExitAsync(cancellationToken);
        var output = await stdout + await stderr;
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build of the host failed (exit {build.ExitCode}):\n{output}");
        }
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void DeleteQuietly(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException ex)
        {
            PhaseContext.Progress($"could not delete {dir}: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            PhaseContext.Progress($"could not delete {dir}: {ex.Message}");
        }
    }
}
