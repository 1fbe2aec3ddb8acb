using System.Diagnostics;
using System.Globalization;

namespace Orleans.Kinesis.Storage.Logs.Fencing;

/// <summary>
/// Owner ids of the form <c>machine/pid/start-seconds</c>: an owner on this machine whose process id no longer runs, or
/// now belongs to a process started at another time, is known dead (a kill -9 followed by a restart). Owners on other
/// machines are never known dead here.
/// </summary>
public sealed class LocalProcessLiveness : ILogOwnerLiveness
{
    public LocalProcessLiveness()
    {
        using var self = Process.GetCurrentProcess();
        OwnerId = Format(Environment.MachineName, self.Id, StartTicks(self));
    }

    public string OwnerId { get; }

    public ValueTask<bool> IsKnownDeadAsync(string ownerId, CancellationToken cancellationToken)
    {
        var parts = ownerId.Split('/');
        if (parts.Length != 3 || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return ValueTask.FromResult(false);
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return ValueTask.FromResult(process.HasExited || StartTicks(process) != ticks);
        }
        catch (ArgumentException)
        {
            return ValueTask.FromResult(true); // no process has that id
        }
        catch (InvalidOperationException)
        {
            return ValueTask.FromResult(true); // it exited while being looked at
        }
    }

    private static string Format(string machine, int pid, long ticks) =>
        machine + "/" + pid.ToString(CultureInfo.InvariantCulture) + "/" + ticks.ToString(CultureInfo.InvariantCulture);

    private static long StartTicks(Process process) => new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
}
