using System.Text.RegularExpressions;
using Orleans.Kinesis.Host;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Cluster.Tests.Configuration;

/// <summary>The cluster options: flags, their checks, and the names the Bicep templates set.</summary>
[Trait("Area", "Cluster")]
public sealed partial class ClusterOptionsTests
{
    [Fact]
    public void ClusterFlags_BindToTheirOptions()
    {
        var options = KinesisHostOptions.Parse([
            "--storage", "blob", "--blob-connection-string", "UseDevelopmentStorage=true", "--clustering", "azure-table",
            "--cluster-id", "blue-2", "--advertise-address", "10.0.0.7", "--advertise-silo-port", "11112",
            "--advertise-silo-gateway-port", "30001", "--table-endpoint", "https://account.table.core.windows.net/"]);

        Assert.Equal("azure-table", options.Clustering);
        Assert.Equal("blue-2", options.ClusterId);
        Assert.Equal("10.0.0.7", options.AdvertiseAddress!.ToString());
        Assert.Equal(11112, options.AdvertiseSiloPort);
        Assert.Equal(30001, options.AdvertiseSiloGatewayPort);
        Assert.Equal(new Uri("https://account.table.core.windows.net/"), options.TableEndpoint);
    }

    [Fact]
    public void Defaults_AreOneLocalhostNode()
    {
        var options = KinesisHostOptions.Parse([]);

        Assert.Equal("localhost", options.Clustering);
        Assert.Equal("orleans-kinesis", options.ClusterId);
        Assert.Null(options.AdvertiseAddress);
    }

    [Theory]
    [InlineData("--clustering azure-table", "OrleansKinesis:Clustering azure-table needs OrleansKinesis:Storage blob")]
    [InlineData("--clustering azure-table --storage blob --blob-endpoint https://a.blob.core.windows.net/", "OrleansKinesis:Clustering azure-table needs OrleansKinesis:TableEndpoint or OrleansKinesis:BlobConnectionString")]
    [InlineData("--clustering kubernetes", "OrleansKinesis:Clustering needs localhost or azure-table")]
    [InlineData("--cluster-id a_b", "OrleansKinesis:ClusterId needs letters, digits and dashes")]
    [InlineData("--table-endpoint ftp://x/", "OrleansKinesis:TableEndpoint needs an http(s) URL")]
    public void BadClusterSettings_AreRefusedNamingTheKey(string arguments, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => KinesisHostOptions.Parse(arguments.Split(' ')));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryOptionTheBicepSets_IsAnOptionOfTheHost()
    {
        var bicep = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "app", "kinesis-app.bicep"));
        var names = EnvironmentName().Matches(bicep).Select(match => match.Groups[1].Value).Distinct().ToList();

        Assert.Contains("Clustering", names);
        Assert.All(names, name => Assert.True(typeof(KinesisHostOptions).GetProperty(name) is not null, $"infra sets OrleansKinesis__{name}, which no option binds"));
        Assert.Contains("'OrleansKinesis__Clustering', value: 'azure-table'", bicep, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"'OrleansKinesis__(\w+)'")]
    private static partial Regex EnvironmentName();
}
