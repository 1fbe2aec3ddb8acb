using System.Reflection;
using Orleans.Kinesis.Client;
using Orleans.Streaming.Kinesis.Tests.Infrastructure;
using PublicApiGenerator;

namespace Orleans.Streaming.Kinesis.Tests.PublicApi;

/// <summary>
/// The public surface of the SDK packages against the approved snapshot next to this file. A change fails the test
/// and writes <c>&lt;Assembly&gt;.received.txt</c>; review it and copy it over the <c>.approved.txt</c> to accept.
/// </summary>
[Trait("Suite", "PublicApi")]
public sealed class PublicApiTests
{
    public static TheoryData<string> Assemblies() => [typeof(KinesisClient).Assembly.GetName().Name!, typeof(KinesisStreamRecord).Assembly.GetName().Name!];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void PublicApi_MatchesTheApprovedSnapshot(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var options = new ApiGeneratorOptions
        {
            IncludeAssemblyAttributes = false,
            // The Orleans code generator's serializers are public but not the package's API.
            IncludeTypes = [.. assembly.GetExportedTypes().Where(t => t.Namespace?.StartsWith("OrleansCodeGen", StringComparison.Ordinal) != true)],
        };
        var actual = assembly.GeneratePublicApi(options).ReplaceLineEndings("\n");
        var folder = Path.Combine(Repository.Root, "test", "Orleans.Streaming.Kinesis.Tests", "PublicApi");
        var approved = Path.Combine(folder, assemblyName + ".approved.txt");
        var received = Path.Combine(folder, assemblyName + ".received.txt");

        var expected = File.Exists(approved) ? File.ReadAllText(approved).ReplaceLineEndings("\n") : "";
        if (expected != actual)
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"The public API of {assemblyName} changed; review {received} and copy it over {approved} if intended.");
        }

        File.Delete(received);
    }
}
