using System.Reflection;

namespace Orleans.Kinesis.Deployment.Tests.Infrastructure;

/// <summary>The Bicep CLI from the restored NuGet package Azure.Bicep.CommandLine.linux-x64 (its path is baked in at build).</summary>
public static class BicepCli
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private static readonly Lazy<string> LazyPath = new(Locate);

    public static string Path => LazyPath.Value;

    public static Task<ToolResult> RunAsync(params string[] arguments) => Tool.RunAsync(Path, arguments, Bound);

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "BicepCli").Value
            ?? throw new InvalidOperationException("The test assembly carries no BicepCli path.");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Bicep CLI is not at {path}: restore test/Orleans.Kinesis.Deployment.Tests.");
        }

        // NuGet extraction does not always keep the execute bit.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }
}
