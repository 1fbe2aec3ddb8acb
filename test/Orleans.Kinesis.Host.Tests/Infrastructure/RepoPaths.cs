using System.Reflection;

namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>Locates the repository root (the folder holding Orleans.Kinesis.sln), the Host binary and the tools the real-client tests start.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string JsDirectory => Path.Combine(Root, "test", "js");

    public static string ScenarioScript => Path.Combine(JsDirectory, "kinesis-scenarios.mjs");

    public static string JsNodeModules => Path.Combine(JsDirectory, "node_modules");

    /// <summary>
    /// The Host's dll: next to the tests when the project reference copied it with its runtimeconfig,
    /// else <c>src/Orleans.Kinesis.Host/bin/&lt;Configuration&gt;/net10.0</c>.
    /// </summary>
    public static string HostDll
    {
        get
        {
            var local = Path.Combine(AppContext.BaseDirectory, "Orleans.Kinesis.Host.dll");
            if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, "Orleans.Kinesis.Host.runtimeconfig.json")))
            {
                return local;
            }

            var configuration = typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var built = Path.Combine(Root, "src", "Orleans.Kinesis.Host", "bin", configuration, "net10.0", "Orleans.Kinesis.Host.dll");
            if (!File.Exists(built))
            {
                throw new FileNotFoundException($"Orleans.Kinesis.Host.dll is neither in {AppContext.BaseDirectory} nor at {built}; run `dotnet build src/Orleans.Kinesis.Host -c {configuration}`.");
            }

            return built;
        }
    }

    /// <summary>The dotnet muxer that runs the tests (DOTNET_HOST_PATH under dotnet test), else <c>dotnet</c> from PATH.</summary>
    public static string DotnetHost
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return !string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment) ? fromEnvironment : FindOnPath("dotnet") ?? "dotnet";
        }
    }

    /// <summary>The full path of an executable found on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Orleans.Kinesis.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"Orleans.Kinesis.sln not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}.");
    }
}
