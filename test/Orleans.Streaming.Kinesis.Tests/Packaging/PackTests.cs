using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using Orleans.Streaming.Kinesis.Tests.Infrastructure;

namespace Orleans.Streaming.Kinesis.Tests.Packaging;

/// <summary><c>dotnet pack</c> of the SDK packages and what they depend on, checked for metadata and dependencies.</summary>
[Trait("Suite", "Packaging")]
public sealed class PackTests : IDisposable
{
    private static readonly string[] Projects = ["Orleans.Kinesis.Abstractions", "Orleans.Kinesis.Protocol", "Orleans.Kinesis.Client", "Orleans.Streaming.Kinesis"];

    private readonly string _output = Path.Combine(Path.GetTempPath(), "packages-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    [Fact]
    public async Task Pack_SdkProjects_ProducePackagesWithReadmeLicenseDescriptionAndPackageDependencies()
    {
        foreach (var project in Projects)
        {
            var (exit, output) = await RunAsync("dotnet", "pack", Path.Combine(Repository.Root, "src", project, project + ".csproj"), "--no-build", "-c", Repository.Configuration, "-o", _output, "-p:Version=1.2.3-test");
            Assert.True(exit == 0, $"dotnet pack {project} exited {exit}:\n{output}");
        }

        foreach (var project in Projects)
        {
            using var package = ZipFile.OpenRead(Path.Combine(_output, project + ".1.2.3-test.nupkg"));
            Assert.NotNull(package.GetEntry("README.md"));
            Assert.NotNull(package.GetEntry($"lib/net10.0/{project}.dll"));
            var nuspec = Nuspec(package, project);
            XNamespace ns = nuspec.Root!.Name.Namespace;
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
            Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
            Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value), project + " has no description");
            var dependencies = metadata.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value).ToList();
            var previous = Array.IndexOf(Projects, project) - 1;
            if (previous >= 0)
            {
                Assert.Contains(Projects[previous], dependencies); // Streaming → Client → Protocol → Abstractions, as packages
            }
        }
    }

    private static XDocument Nuspec(ZipArchive package, string project)
    {
        using var stream = package.GetEntry(project + ".nuspec")!.Open();
        return XDocument.Load(stream);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
