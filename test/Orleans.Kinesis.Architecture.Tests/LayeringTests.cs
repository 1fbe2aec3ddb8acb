using System.Reflection;
using System.Xml.Linq;

namespace Orleans.Kinesis.Architecture.Tests;

/// <summary>
/// References run one way: Abstractions ← Storage ← Grains, Abstractions ← Protocol ← Gateway; the Gateway never sees
/// grain implementations or the Orleans runtime, only grain interfaces and Orleans' abstractions.
/// </summary>
public sealed class LayeringTests
{
    private const string Prefix = "Orleans.Kinesis.";

    public static TheoryData<string, string[]> AllowedReferences() => new()
    {
        { "Abstractions", [] },
        { "Storage", ["Abstractions"] },
        { "Grains", ["Storage", "Abstractions"] },
        { "Protocol", ["Abstractions"] },
        { "Gateway", ["Protocol", "Abstractions"] },
        { "Client", ["Protocol", "Abstractions"] },
    };

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void Compiled_assembly_references_only_lower_layers(string project, string[] allowed)
    {
        var referenced = ProjectAssemblyReferences(project);

        Assert.All(referenced, name => Assert.Contains(name, allowed));
    }

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void Project_file_references_only_lower_layers(string project, string[] allowed)
    {
        var referenced = ProjectFileReferences(project);

        Assert.All(referenced, name => Assert.Contains(name, allowed));
    }

    [Theory]
    [InlineData("Grains")]
    [InlineData("Storage")]
    public void Gateway_never_references_the_grain_side(string forbidden)
    {
        Assert.DoesNotContain(forbidden, ProjectAssemblyReferences("Gateway"));
        Assert.DoesNotContain(forbidden, ProjectFileReferences("Gateway"));
    }

    /// <summary>Orleans assemblies a client of grains may use: grain references, serialization, no silo runtime.</summary>
    private static readonly string[] OrleansAbstractions = ["Orleans.Core", "Orleans.Core.Abstractions", "Orleans.Serialization", "Orleans.Serialization.Abstractions"];

    [Theory]
    [InlineData("Gateway")]
    [InlineData("Abstractions")]
    [InlineData("Protocol")]
    public void Only_Orleans_abstractions_reach_the_gateway_side(string project)
    {
        var assembly = Assembly.Load(new AssemblyName(Prefix + project));
        var orleans = assembly.GetReferencedAssemblies()
            .Select(a => a.Name ?? string.Empty)
            .Where(n => n.StartsWith("Orleans.", StringComparison.Ordinal) && !n.StartsWith(Prefix, StringComparison.Ordinal));

        Assert.All(orleans, name => Assert.Contains(name, OrleansAbstractions));
    }

    [Fact]
    public void Grains_run_on_the_Orleans_runtime_and_the_gateway_calls_them_through_IGrainFactory()
    {
        Assert.Contains("Orleans.Core.Abstractions", Assembly.Load(new AssemblyName(Prefix + "Grains")).GetReferencedAssemblies().Select(a => a.Name));
        Assert.Contains("Orleans.Core.Abstractions", Assembly.Load(new AssemblyName(Prefix + "Gateway")).GetReferencedAssemblies().Select(a => a.Name));
    }

    [Fact]
    public void Abstractions_references_no_project_assembly()
    {
        Assert.Empty(ProjectAssemblyReferences("Abstractions"));
        Assert.Empty(ProjectFileReferences("Abstractions"));
    }

    [Fact]
    public void The_layers_are_actually_wired_as_expected()
    {
        // Guards the tests above against passing vacuously (e.g. an assembly that failed to load).
        Assert.Contains("Abstractions", ProjectAssemblyReferences("Gateway"));
        Assert.Contains("Protocol", ProjectAssemblyReferences("Gateway"));
        Assert.Contains("Abstractions", ProjectAssemblyReferences("Protocol"));
        Assert.Contains("Abstractions", ProjectAssemblyReferences("Storage"));
        Assert.Contains("Storage", ProjectAssemblyReferences("Grains"));
    }

    /// <summary>The project assemblies (short names without the prefix) that <paramref name="project"/>'s assembly references.</summary>
    private static string[] ProjectAssemblyReferences(string project)
    {
        var assembly = Assembly.Load(new AssemblyName(Prefix + project));
        return [.. assembly.GetReferencedAssemblies()
            .Select(a => a.Name ?? string.Empty)
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The ProjectReference items of src/Orleans.Kinesis.<paramref name="project"/>.csproj (short names).</summary>
    /// <remarks>The compiler drops references whose types are unused, so the project files are checked as well.</remarks>
    private static string[] ProjectFileReferences(string project)
    {
        var file = Path.Combine(RepositoryRoot(), "src", Prefix + project, Prefix + project + ".csproj");
        return [.. XDocument.Load(file).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension((string?)e.Attribute("Include") ?? string.Empty))
            .Select(n => n.StartsWith(Prefix, StringComparison.Ordinal) ? n[Prefix.Length..] : n)
            .Order(StringComparer.Ordinal)];
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orleans.Kinesis.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Orleans.Kinesis.sln not found above " + AppContext.BaseDirectory);
    }
}
