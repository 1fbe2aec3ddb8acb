using Orleans.Kinesis.Deployment.Tests.Infrastructure;

namespace Orleans.Kinesis.Deployment.Tests.Bicep;

/// <summary>The default profile (single node) after azd deployed an image once.</summary>
public sealed class SingleNodeFixture : IAsyncLifetime
{
    public DeploymentSnapshot Deployment { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Deployment = await DeploymentSnapshot.SnapshotAsync($"param gatewayImage = '{DeploymentSnapshot.Image}'");

    public Task DisposeAsync() => Task.CompletedTask;
}
