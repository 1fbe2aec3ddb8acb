using System.Text.Json.Nodes;
using Orleans.Kinesis.Deployment.Tests.Infrastructure;

namespace Orleans.Kinesis.Deployment.Tests.Bicep;

public sealed class ClusterTests : IClassFixture<ClusterFixture>
{
    private readonly DeploymentSnapshot _deployment;

    public ClusterTests(ClusterFixture fixture) => _deployment = fixture.Deployment;

    private List<JsonObject> Apps => _deployment.OfType(ResourceTypes.ContainerApp).ToList();

    private static Dictionary<string, string?> Env(JsonObject app) =>
        app["properties"]!["template"]!["containers"]![0]!["env"]!.AsArray()
            .ToDictionary(variable => (string)variable!["name"]!, variable => (string?)variable!["value"]);

    [Fact]
    public void Cluster_HasOneAppPerSilo_EachWithExactlyOneReplica()
    {
        Assert.Equal(ClusterFixture.Silos, Apps.Count);
        Assert.Equal(ClusterFixture.Silos, Apps.Select(app => (string)app["name"]!).Distinct().Count());
        Assert.All(Apps, app =>
        {
            Assert.Equal(1, (int)app["properties"]!["template"]!["scale"]!["minReplicas"]!);
            Assert.Equal(1, (int)app["properties"]!["template"]!["scale"]!["maxReplicas"]!);
            Assert.Equal(8080, (int)app["properties"]!["configuration"]!["ingress"]!["targetPort"]!);
        });
    }

    [Fact]
    public void Silos_MapDistinctTcpPortPairs_OnTheEnvironmentsStaticIp()
    {
        var exposed = new List<int>();
        foreach (var app in Apps)
        {
            var mappings = app["properties"]!["configuration"]!["ingress"]!["additionalPortMappings"]!.AsArray();
            Assert.Equal([11111, 30000], mappings.Select(mapping => (int)mapping!["targetPort"]!));
            exposed.AddRange(mappings.Select(mapping => (int)mapping!["exposedPort"]!));
            var env = Env(app);
            Assert.Equal(((int)mappings[0]!["exposedPort"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), env["OrleansKinesis__AdvertiseSiloPort"]);
            Assert.Equal(((int)mappings[1]!["exposedPort"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), env["OrleansKinesis__AdvertiseSiloGatewayPort"]);
            Assert.Contains(".staticIp", env["OrleansKinesis__AdvertiseAddress"], StringComparison.Ordinal);
            Assert.Equal("azure-table", env["OrleansKinesis__Clustering"]);
            Assert.Contains("primaryEndpoints.table", env["OrleansKinesis__TableEndpoint"], StringComparison.Ordinal);
        }

        Assert.Equal(2 * ClusterFixture.Silos, exposed.Distinct().Count());
        Assert.DoesNotContain(36985, exposed); // reserved by Container Apps
        Assert.Single(Apps.Select(app => Env(app)["OrleansKinesis__ClusterId"]).Distinct());
    }

    [Fact]
    public void Cluster_RunsInAnInternalVNetEnvironment_WithOnlyTheFirstSiloTaggedForAzd()
    {
        var environment = _deployment.Single(ResourceTypes.Environment)["properties"]!;
        var vnet = _deployment.Single(ResourceTypes.VirtualNetwork);

        Assert.True((bool)environment["vnetConfiguration"]!["internal"]!);
        Assert.StartsWith((string)vnet["id"]! + "/subnets/", (string?)environment["vnetConfiguration"]!["infrastructureSubnetId"], StringComparison.Ordinal);
        Assert.Equal("Microsoft.App/environments", (string?)vnet["properties"]!["subnets"]![0]!["properties"]!["delegations"]![0]!["properties"]!["serviceName"]);
        Assert.Single(Apps, app => (string?)app["tags"]!["azd-service-name"] == "gateway");
        Assert.Equal(string.Join(',', Apps.Select(app => (string)app["name"]!)), (string?)_deployment.Outputs["ORLEANS_KINESIS_SILO_APPS"]);
    }
}
