namespace Orleans.Kinesis.Benchmarks;

/// <summary>Locates the repository (the folder holding Orleans.Kinesis.sln) and the files the harness starts.</summary>
internal sealed class RepositoryPaths
{
    private RepositoryPaths(string root) => Root = root;

    public string Root { get; }

    public string HostProject => Path.Combine(Root, "src", "Orleans.Kinesis.Host", "Orleans.Kinesis.Host.csproj");

    public string HostDll => Path.Combine(Root, "src", "Orleans.Kinesis.Host", "bin", "Release", "net10.0", "Orleans.Kinesis.Host.dll");

    public string KinesaliteLauncher => Path.Combine(Root, "test", "js", "kinesalite-loopback.cjs");

    public string KinesaliteModule => Path.Combine(Root, "test", "js", "node_modules", "kinesalite", "package.json");

    public static RepositoryPaths Find(string? explicitRoot)
    {
        if (explicitRoot is not null)
        {
            return new RepositoryPaths(Path.GetFullPath(explicitRoot));
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Orleans.Kinesis.sln")))
                {
                    return new RepositoryPaths(dir.FullName);
                }
            }
        }

        throw new InvalidOperationException("Orleans.Kinesis.sln not found above the working directory; pass --repo <dir>");
    }
}
