namespace Orleans.Kinesis.Console.Tests;

/// <summary>
/// Where the browser tests write the console's screenshots: a <c>screenshots</c> folder next to the test assembly, so a
/// test run leaves the working tree clean. With <c>ORLEANS_KINESIS_SCREENSHOTS=docs</c> they replace the README's
/// images in docs/screenshots of the repository instead; any other value is a folder to write them to.
/// </summary>
public static class Screenshots
{
    public const string Variable = "ORLEANS_KINESIS_SCREENSHOTS";

    public static string PathOf(string name)
    {
        var folder = Environment.GetEnvironmentVariable(Variable) switch
        {
            null or "" => Path.Combine(AppContext.BaseDirectory, "screenshots"),
            "docs" => Path.Combine(RepositoryRoot(), "docs", "screenshots"),
            var custom => Path.GetFullPath(custom),
        };
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orleans.Kinesis.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No Orleans.Kinesis.sln above " + AppContext.BaseDirectory + ".");
    }
}
