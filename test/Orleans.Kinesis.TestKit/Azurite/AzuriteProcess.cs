using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Kinesis.TestKit.Azurite;

/// <summary>
/// The Azure Storage emulator's Blob service (npm <c>azurite</c>, pinned in test/js) on a free loopback port, and with
/// <c>withTables</c> its Table service too (for Orleans cluster membership).
/// Data lives in a temporary folder, so <see cref="StopAsync"/> followed by <see cref="StartAsync"/> brings the same
/// blobs back on the same port (how the fault tests take storage away and return it).
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly string _location;
    private readonly bool _inMemory;
    private Process? _process;

    private AzuriteProcess(int port, bool inMemory, int? tablePort)
    {
        Port = port;
        _inMemory = inMemory;
        TablePort = tablePort;
        _location = Path.Combine(Path.GetTempPath(), "azurite-" + Guid.NewGuid().ToString("N"));
    }

    public int Port { get; }

    /// <summary>The Table service's port, or null when only blobs are served.</summary>
    public int? TablePort { get; }

    public Uri BlobEndpoint => new($"http://127.0.0.1:{Port}/devstoreaccount1");

    /// <summary>A Shared Key connection string for the emulator's well-known development account.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint="
        + BlobEndpoint + ";" + (TablePort is { } table ? $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;" : string.Empty);

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts Azurite and waits until it accepts connections.</summary>
    public static async Task<AzuriteProcess> StartNewAsync(bool inMemory = false, bool withTables = false)
    {
        var azurite = new AzuriteProcess(FreePort(), inMemory, withTables ? FreePort() : null);
        await azurite.StartAsync();
        return azurite;
    }

    /// <summary>The azurite-blob launcher of test/js/node_modules.</summary>
    public static string Executable => Launcher("azurite-blob");

    private static string Launcher(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "test", "js", "node_modules", ".bin", name);
            if (File.Exists(Path.Combine(directory.FullName, "Orleans.Kinesis.sln")))
            {
                return File.Exists(candidate)
                    ? candidate
                    : throw new FileNotFoundException($"{candidate} is missing: run `npm ci --prefix test/js --ignore-scripts`.");
            }
        }

        throw new InvalidOperationException("Orleans.Kinesis.sln not found above " + AppContext.BaseDirectory);
    }

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        Directory.CreateDirectory(_location);
        var start = new ProcessStartInfo(TablePort is null ? Executable : Launcher("azurite"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--disableTelemetry", "--silent", "--skipApiVersionCheck" })
        {
            start.ArgumentList.Add(arg);
        }

        if (TablePort is { } tablePort)
        {
            // The combined launcher also serves queues: give them a free port too, so nothing binds a fixed one.
            foreach (var arg in new[] { "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--queueHost", "127.0.0.1", "--queuePort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(arg);
            }
        }

        if (_inMemory)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(_location);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(90); // a loaded CI machine can take half a minute to start node
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} while starting on port {Port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50); // polling the port with a deadline, not synchronising on time
            }
        }
    }

    /// <summary>Kills Azurite (its data folder stays) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            // SIGTERM first: Azurite saves its metadata on the way out, as the real service never loses stored data.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
