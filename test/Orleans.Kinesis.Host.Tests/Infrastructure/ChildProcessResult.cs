namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>What a finished child process left: exit code and everything it wrote.</summary>
public sealed record ChildProcessResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>A description for failure messages: the command, its exit code, stdout and stderr.</summary>
    public string Describe() => $"`{Command}` exited with {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
