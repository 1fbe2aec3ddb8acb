using Orleans.Kinesis.Deployment.Tests.Infrastructure;

namespace Orleans.Kinesis.Deployment.Tests.Bicep;

/// <summary>The cluster profile with four silos.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int Silos = 4;

    public DeploymentSnapshot Deployment { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Deployment = await DeploymentSnapshot.SnapshotAsync(
            "param topology = 'cluster'",
            $"param siloCount = {Silos}",
            $"param gatewayImage = '{DeploymentSnapshot.Image}'");

    public Task DisposeAsync() => Task.CompletedTask;
}
