using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Firehose;

/// <summary>One Firehose server (file storage in a temp folder) and the transform hooks, shared by a collection.</summary>
public sealed class FirehoseFixture : IAsyncLifetime
{
    private readonly TempDataDirectory _data = new("firehose");

    public FirehoseServer Server { get; private set; } = null!;

    public TransformHooks Hooks { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Hooks = await TransformHooks.StartAsync();
        Server = await FirehoseServer.StartAsync(_data.Path, new ShiftableTimeProvider(), Hooks);
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Hooks is not null)
        {
            await Hooks.DisposeAsync();
        }

        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class FirehoseCollection : ICollectionFixture<FirehoseFixture>
{
    public const string Name = "firehose";
}
