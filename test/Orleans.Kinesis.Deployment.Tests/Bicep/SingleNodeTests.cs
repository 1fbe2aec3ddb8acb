using System.Text.Json.Nodes;
using Orleans.Kinesis.Deployment.Tests.Infrastructure;

namespace Orleans.Kinesis.Deployment.Tests.Bicep;

public sealed class SingleNodeTests : IClassFixture<SingleNodeFixture>
{
    private readonly DeploymentSnapshot _deployment;

    public SingleNodeTests(SingleNodeFixture fixture) => _deployment = fixture.Deployment;

    private JsonObject App => _deployment.Single(ResourceTypes.ContainerApp);

    private JsonObject Container => Assert.Single(App["properties"]!["template"]!["containers"]!.AsArray())!.AsObject();

    [Fact]
    public void App_HasExternalIngressOn8080_WithTransportAuto_AndNoPlainHttp()
    {
        var ingress = App["properties"]!["configuration"]!["ingress"]!;

        Assert.True((bool)ingress["external"]!);
        Assert.Equal(8080, (int)ingress["targetPort"]!);
        Assert.Equal("auto", (string?)ingress["transport"]);
        Assert.False((bool)ingress["allowInsecure"]!);
        Assert.Empty(ingress["additionalPortMappings"]!.AsArray());
    }

    [Fact]
    public void App_RunsExactlyOneReplica_NeverScalingToZero()
    {
        var scale = App["properties"]!["template"]!["scale"]!;

        Assert.Equal(1, (int)scale["minReplicas"]!);
        Assert.Equal(1, (int)scale["maxReplicas"]!);
    }

    [Fact]
    public void App_ProbesHealthzAndReadyz_OnTheIngressPort()
    {
        var probes = Container["probes"]!.AsArray().ToDictionary(probe => (string)probe!["type"]!, probe => probe!["httpGet"]!);

        Assert.Equal(["Liveness", "Readiness", "Startup"], probes.Keys.Order());
        Assert.Equal("/healthz", (string?)probes["Startup"]["path"]);
        Assert.Equal("/healthz", (string?)probes["Liveness"]["path"]);
        Assert.Equal("/readyz", (string?)probes["Readiness"]["path"]);
        Assert.All(probes.Values, probe => Assert.Equal(8080, (int)probe["port"]!));
    }

    [Fact]
    public void App_IsTheAzdGatewayService_RunningTheDeployedImage_AsItsManagedIdentity()
    {
        var identity = _deployment.Single(ResourceTypes.Identity);
        var identityId = (string)identity["id"]!;

        Assert.Equal("gateway", (string?)App["tags"]!["azd-service-name"]);
        Assert.Equal("deploytest", (string?)App["tags"]!["azd-env-name"]);
        Assert.Equal(DeploymentSnapshot.Image, (string?)Container["image"]);
        Assert.Equal("UserAssigned", (string?)App["identity"]!["type"]);
        Assert.True(App["identity"]!["userAssignedIdentities"]!.AsObject().ContainsKey(identityId));
        var registry = Assert.Single(App["properties"]!["configuration"]!["registries"]!.AsArray())!;
        Assert.Equal(identityId, (string?)registry["identity"]);
        Assert.Null(registry["passwordSecretRef"]);
    }

    [Fact]
    public void App_IsConfiguredThroughEnvironment_WithSecretsFromKeyVault()
    {
        var env = Container["env"]!.AsArray().ToDictionary(variable => (string)variable!["name"]!, variable => variable!.AsObject());

        Assert.Contains(".clientId", (string?)env["AZURE_CLIENT_ID"]["value"], StringComparison.Ordinal);
        Assert.Contains("ConnectionString", (string?)env["APPLICATIONINSIGHTS_CONNECTION_STRING"]["value"], StringComparison.Ordinal);
        Assert.Equal("8080", (string?)env["ASPNETCORE_HTTP_PORTS"]["value"]);
        Assert.Equal("blob", (string?)env["OrleansKinesis__Storage"]["value"]);
        Assert.Contains("primaryEndpoints.blob", (string?)env["OrleansKinesis__BlobEndpoint"]["value"], StringComparison.Ordinal);
        Assert.Equal("200000", (string?)env["OrleansKinesis__SubscriptionLifetimeMs"]["value"]);
        Assert.True(int.Parse((string)env["OrleansKinesis__SubscriptionLifetimeMs"]["value"]!, System.Globalization.CultureInfo.InvariantCulture) < 240_000);
        Assert.Equal("access-keys", (string?)env["OrleansKinesis__AccessKeys"]["secretRef"]);
        Assert.Equal("encryption-key", (string?)env["OrleansKinesis__EncryptionKey"]["secretRef"]);
        Assert.DoesNotContain(env.Keys, name => name.StartsWith("OrleansKinesis__Cluster", StringComparison.Ordinal));

        var secrets = App["properties"]!["configuration"]!["secrets"]!.AsArray();
        Assert.Equal(["access-keys", "encryption-key"], secrets.Select(secret => (string)secret!["name"]!).Order());
        Assert.All(secrets, secret =>
        {
            Assert.Null(secret!["value"]);
            Assert.Contains("Microsoft.KeyVault/vaults/", (string?)secret["keyVaultUrl"], StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Identity_HoldsAcrPull_BlobAndTableDataContributor_AndKeyVaultSecretsUser()
    {
        var assignments = _deployment.OfType(ResourceTypes.RoleAssignment).ToList();
        string Scope(JsonObject assignment) => ((string)assignment["id"]!).Split("/providers/Microsoft.Authorization/")[0];
        var identityPrincipal = $"{(string)_deployment.Single(ResourceTypes.Identity)["id"]!}'";
        var byRole = assignments
            .Where(assignment => ((string)assignment["properties"]!["principalId"]!).Contains(identityPrincipal, StringComparison.Ordinal))
            .ToDictionary(assignment => ((string)assignment["properties"]!["roleDefinitionId"]!).Split('/')[^1], Scope);

        Assert.Equal(4, byRole.Count);
        Assert.Equal((string)_deployment.Single(ResourceTypes.Registry)["id"]!, byRole[ResourceTypes.AcrPull]);
        Assert.Equal((string)_deployment.Single(ResourceTypes.Storage)["id"]!, byRole[ResourceTypes.StorageBlobDataContributor]);
        Assert.Equal((string)_deployment.Single(ResourceTypes.Storage)["id"]!, byRole[ResourceTypes.StorageTableDataContributor]);
        Assert.Equal((string)_deployment.Single(ResourceTypes.KeyVault)["id"]!, byRole[ResourceTypes.KeyVaultSecretsUser]);
        Assert.All(assignments, assignment => Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]));
    }

    [Fact]
    public void Storage_AllowsNoSharedKey_NoPublicBlobs_AndTls12()
    {
        var storage = _deployment.Single(ResourceTypes.Storage)["properties"]!;

        Assert.False((bool)storage["allowSharedKeyAccess"]!);
        Assert.False((bool)storage["allowBlobPublicAccess"]!);
        Assert.Equal("TLS1_2", (string?)storage["minimumTlsVersion"]);
        Assert.True((bool)storage["supportsHttpsTrafficOnly"]!);
    }

    [Fact]
    public void RegistryAndVault_UseEntraOnly()
    {
        Assert.False((bool)_deployment.Single(ResourceTypes.Registry)["properties"]!["adminUserEnabled"]!);
        Assert.True((bool)_deployment.Single(ResourceTypes.KeyVault)["properties"]!["enableRbacAuthorization"]!);
    }

    [Fact]
    public void SingleNode_HasNoVirtualNetwork_AndOutputsNoSecret()
    {
        Assert.Empty(_deployment.OfType(ResourceTypes.VirtualNetwork));
        Assert.Null(_deployment.Single(ResourceTypes.Environment)["properties"]!["vnetConfiguration"]);
        var outputs = _deployment.Outputs.ToJsonString();
        Assert.DoesNotContain(DeploymentSnapshot.AccessKeys.Split(':')[1], outputs, StringComparison.Ordinal);
        Assert.DoesNotContain(DeploymentSnapshot.EncryptionKey, outputs, StringComparison.Ordinal);
        Assert.Contains("AZURE_CONTAINER_REGISTRY_ENDPOINT", _deployment.Outputs.Select(output => output.Key));
    }
}
