namespace Orleans.Kinesis.Deployment.Tests.Infrastructure;

/// <summary>The repository root (the folder holding Orleans.Kinesis.sln) and the deployment files in it.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Infra => Path.Combine(Root, "infra");

    public static string MainBicep => Path.Combine(Infra, "main.bicep");

    public static string AzureYaml => Path.Combine(Root, "azure.yaml");

    public static string HostProject => Path.Combine(Root, "src", "Orleans.Kinesis.Host", "Orleans.Kinesis.Host.csproj");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orleans.Kinesis.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Orleans.Kinesis.sln not found above {AppContext.BaseDirectory}.");
    }
}
