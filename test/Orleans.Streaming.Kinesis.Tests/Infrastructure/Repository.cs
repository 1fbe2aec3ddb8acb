namespace Orleans.Streaming.Kinesis.Tests.Infrastructure;

public static class Repository
{
    /// <summary>The checkout's root: the directory above the test binaries that holds Orleans.Kinesis.sln.</summary>
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Orleans.Kinesis.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new DirectoryNotFoundException("Orleans.Kinesis.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The build configuration of these binaries (bin/&lt;Configuration&gt;/net10.0/).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
}
