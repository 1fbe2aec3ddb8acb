using System.Text;
using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Actors.Tests.Grains;
using Orleans.Kinesis.Actors.Tests.Infrastructure;
using Orleans.Kinesis.TestKit;

namespace Orleans.Kinesis.Actors.Tests.State;

public sealed class PersistentStateTests
{
    [Fact]
    public async Task NewGrain_HasDefaultState_AndWriteStoresTheDocumentWithItsEtag()
    {
        await using var host = ActorTestHost.Create();
        var grain = host.Factory.GetGrain<IProfileGrain>("p1");

        Assert.Equal(new ProfileSnapshot(null, 0, null, false), await grain.GetAsync());
        await grain.SetNameAsync("ann");

        var stored = host.Storage.Peek("profile", "p1");
        Assert.NotNull(stored);
        Assert.Contains("\"ann\"", Encoding.UTF8.GetString(stored.Data.Span), StringComparison.Ordinal);
        Assert.Equal(new ProfileSnapshot("ann", 1, stored.Etag, true), await grain.GetAsync());
    }

    [Fact]
    public async Task StoredState_IsReadBeforeOnActivateAsync()
    {
        await using var host = ActorTestHost.Create();
        var etag = await host.Storage.WriteAsync("profile", "p2", Encoding.UTF8.GetBytes("""{"name":"bob","version":3}"""), null, CancellationToken.None);

        var snapshot = await host.Factory.GetGrain<IProfileGrain>("p2").GetAsync();

        Assert.Equal(new ProfileSnapshot("bob", 3, etag, true), snapshot);
        Assert.Contains("activated-with:bob", host.Probe.Events);
    }

    [Fact]
    public async Task WrittenState_SurvivesDeactivation()
    {
        await using var host = ActorTestHost.Create();
        var grain = host.Factory.GetGrain<IProfileGrain>("p3");
        await grain.SetNameAsync("cy");

        await grain.DeactivateAsync();
        await host.Probe.WhenSignaled("deactivated:1").WithTimeout("profile deactivated");

        Assert.Equal("cy", (await grain.GetAsync()).Name);
        Assert.Equal(["activated-with:<none>", "activated-with:cy"], host.Probe.Events);
    }

    [Fact]
    public async Task ClearState_DeletesTheDocument_AndResetsTheState()
    {
        await using var host = ActorTestHost.Create();
        var grain = host.Factory.GetGrain<IProfileGrain>("p4");
        await grain.SetNameAsync("dee");

        await grain.ClearAsync();

        Assert.Null(host.Storage.Peek("profile", "p4"));
        Assert.Equal(new ProfileSnapshot(null, 0, null, false), await grain.GetAsync());
        await grain.SetNameAsync("dee again");
        Assert.Equal("dee again", (await grain.GetAsync()).Name);
    }

    [Fact]
    public async Task WriteAfterAnotherWriterChangedTheDocument_ThrowsInconsistentStateExceptionToTheCaller()
    {
        await using var host = ActorTestHost.Create();
        var grain = host.Factory.GetGrain<IProfileGrain>("p5");
        await grain.SetNameAsync("mine");
        var current = host.Storage.Peek("profile", "p5")!;
        await host.Storage.WriteAsync("profile", "p5", Encoding.UTF8.GetBytes("""{"name":"theirs"}"""), current.Etag, CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetNameAsync("mine again"));

        Assert.Equal(current.Etag, conflict.CurrentEtag);
        Assert.Contains("theirs", Encoding.UTF8.GetString(host.Storage.Peek("profile", "p5")!.Data.Span), StringComparison.Ordinal);
    }
}
