using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>
/// The real Host as a child process on a free loopback port (<c>--port 0</c>), on a data directory or in memory.
/// Ready once stdout says <c>listening on http://127.0.0.1:&lt;port&gt;</c>. Disposal never leaves the process behind.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(20);
    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _stdout = new();
    private readonly Queue<string> _stderr = new();
    private readonly string _command;

    private ServerProcess(ProcessStartInfo startInfo)
    {
        _command = startInfo.FileName + " " + string.Join(' ', startInfo.ArgumentList);
        _process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(_stdout, e.Data, isStdout: true);
        _process.ErrorDataReceived += (_, e) => OnLine(_stderr, e.Data, isStdout: false);
        _process.Exited += (_, _) => _ = ReportEarlyExitAsync();
    }

    public Uri Endpoint { get; private set; } = null!;

    public int ProcessId { get; private set; }

    /// <summary>The stdout line that announced the endpoint (it also names the storage).</summary>
    public string ReadyLine { get; private set; } = string.Empty;

    /// <summary>The data directory, or null for <c>--in-memory</c>.</summary>
    public string? DataDirectory { get; private init; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the Host on <paramref name="dataDirectory"/> (null: in memory) and waits, bounded, for its endpoint line.</summary>
    /// <param name="environment">Extra environment variables (null values remove one).</param>
    /// <param name="listenOnFreePort">Whether to pass <c>--port 0 --host 127.0.0.1</c>; without it the environment says where to listen.</param>
    public static async Task<ServerProcess> StartAsync(
        string? dataDirectory,
        TimeSpan? readyTimeout = null,
        IEnumerable<string>? extraArguments = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        bool listenOnFreePort = true)
    {
        var startInfo = new ProcessStartInfo(RepoPaths.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory ?? Path.GetTempPath(),
        };
        string[] listen = listenOnFreePort ? ["--port", "0", "--host", "127.0.0.1"] : [];
        foreach (var argument in (string[])[RepoPaths.HostDll, .. listen, "--no-throughput-limits", "--no-control-plane-limits"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (dataDirectory is null)
        {
            startInfo.ArgumentList.Add("--in-memory");
        }
        else
        {
            startInfo.ArgumentList.Add("--data");
            startInfo.ArgumentList.Add(dataDirectory);
        }

        foreach (var argument in extraArguments ?? [])
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        startInfo.Environment.Remove("DOTNET_URLS");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var server = new ServerProcess(startInfo) { DataDirectory = dataDirectory };
        try
        {
            server._process.Start();
            server.ProcessId = server._process.Id;
            server._process.BeginOutputReadLine();
            server._process.BeginErrorReadLine();
            var timeout = readyTimeout ?? DefaultReadyTimeout;
            try
            {
                server.Endpoint = await server._ready.Task.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"`{server._command}` printed no 'listening on http://…' line within {timeout.TotalSeconds:0} s.\n{server.Output()}");
            }

            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends SIGINT (<c>kill -INT &lt;pid&gt;</c>) and waits, bounded, for a graceful exit; returns the exit code.</summary>
    public async Task<int> StopGracefullyAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"the server had already exited with code {_process.ExitCode}.\n{Output()}");
        }

        var kill = await ChildProcess.RunAsync("kill", ["-INT", ProcessId.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"could not send SIGINT to the server: {kill.Describe()}");
        }

        var bound = timeout ?? DefaultStopTimeout;
        using var cts = new CancellationTokenSource(bound);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"the server did not exit within {bound.TotalSeconds:0} s of SIGINT (killed it).\n{Output()}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process dies at once, with no chance to flush. Waits (bounded) until it is gone.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited (or never started).
            return;
        }

        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException($"the server (pid {ProcessId}) did not die within 10 s of SIGKILL.");
        }
    }

    /// <summary>The last lines of stdout and stderr, for failure messages.</summary>
    public string Output()
    {
        lock (_stdout)
        {
            return $"--- server stdout (last lines) ---\n{string.Join('\n', _stdout)}\n--- server stderr (last lines) ---\n{string.Join('\n', _stderr)}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or exited meanwhile.
        }
        catch (OperationCanceledException)
        {
            // Killed but not reaped within 10 s; nothing more can be done from here.
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:(\d+))")]
    private static partial Regex ListeningLine();

    private void OnLine(Queue<string> lines, string? line, bool isStdout)
    {
        if (line is null)
        {
            return;
        }

        lock (_stdout)
        {
            lines.Enqueue(line);
            if (lines.Count > KeptLines)
            {
                lines.Dequeue();
            }
        }

        if (isStdout && ListeningLine().Match(line) is { Success: true } match)
        {
            // Stdout lines arrive one at a time; the line is kept before readiness is signalled.
            if (!_ready.Task.IsCompleted)
            {
                ReadyLine = line;
                _ready.TrySetResult(new Uri(match.Groups[1].Value + "/"));
            }
        }
    }

    /// <summary>
    /// Fails the start with the server's last words. The Exited event can come before the redirected output has been
    /// read to its end; the parameterless wait also waits for both pipes to close, so the message names the cause.
    /// </summary>
    private async Task ReportEarlyExitAsync()
    {
        if (_ready.Task.IsCompleted)
        {
            return;
        }

        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // A pipe held open by a grandchild, or the process object already disposed: report what was read.
        }

        _ready.TrySetException(new InvalidOperationException(
            $"the server exited with code {SafeExitCode()} before printing its endpoint.\n{Output()}"));
    }

    private string SafeExitCode()
    {
        try
        {
            return _process.ExitCode.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }
}
