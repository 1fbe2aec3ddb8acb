using System.Diagnostics;
using System.Globalization;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// A server started by the harness. Ready once a line of its standard output contains
/// <c>http://127.0.0.1:&lt;port&gt;</c>; killed (whole process tree) on dispose.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const string LoopbackPrefix = "http://127.0.0.1:";
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _lastLines = new();
    private readonly string _name;
    private readonly Action? _cleanup;

    private ServerProcess(string name, ProcessStartInfo startInfo, Action? cleanup)
    {
        _name = name;
        _cleanup = cleanup;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true;
        startInfo.UseShellExecute = false;
        _process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, isStdout: true);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, isStdout: false);
        _process.Exited += (_, _) => _ = ReportEarlyExitAsync();
    }

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>CPU time the server process has used so far (the dotnet host runs the app in its own process), or null once it is gone.</summary>
    public TimeSpan? CpuTime()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? null : _process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The data directory given to a files-mode orleans host, else null.</summary>
    public string? DataDirectory { get; set; }

    public static async Task<ServerProcess> StartAsync(string name, ProcessStartInfo startInfo, TimeSpan readyTimeout, Action? cleanup, CancellationToken cancellationToken)
    {
        var server = new ServerProcess(name, startInfo, cleanup);
        try
        {
            PhaseContext.Progress($"starting {name}: {startInfo.FileName} {string.Join(' ', startInfo.ArgumentList)}");
            server._process.Start();
            server._process.BeginOutputReadLine();
            server._process.BeginErrorReadLine();
            try
            {
                server.Endpoint = await server._ready.Task.WaitAsync(readyTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{name} printed no {LoopbackPrefix}<port> line within {readyTimeout.TotalSeconds:0} s. Last output:\n{server.LastOutput()}");
            }

            PhaseContext.Progress($"{name} ready at {server.Endpoint}");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
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
            // Never started.
        }
        catch (OperationCanceledException)
        {
            PhaseContext.Progress($"{_name} did not exit within 10 s of being killed");
        }

        _process.Dispose();
        _cleanup?.Invoke();
    }

    private void OnLine(string? line, bool isStdout)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }

        var at = isStdout ? line.IndexOf(LoopbackPrefix, StringComparison.Ordinal) : -1;
        if (at < 0)
        {
            return;
        }

        var start = at + LoopbackPrefix.Length;
        var end = start;
        while (end < line.Length && char.IsAsciiDigit(line[end]))
        {
            end++;
        }

        if (end > start && int.TryParse(line.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0)
        {
            _ready.TrySetResult(new Uri(string.Concat(LoopbackPrefix, port.ToString(CultureInfo.InvariantCulture), "/")));
        }
    }

    /// <summary>Fails the start once both output pipes are read to their end (Exited can come first), so the message has the last words.</summary>
    private async Task ReportEarlyExitAsync()
    {
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
            $"{_name} exited with code {_process.ExitCode} before printing its endpoint. Last output: {LastOutput()}"));
    }

    private string LastOutput()
    {
        lock (_lastLines)
        {
            return _lastLines.Count == 0 ? "(no output)" : string.Join('\n', _lastLines);
        }
    }
}
