namespace Orleans.Kinesis.Deployment.Tests.Infrastructure;

/// <summary>What a finished tool printed and returned.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
