using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.State;
using Orleans.Kinesis.Actors.Tests.Infrastructure;

namespace Orleans.Kinesis.Actors.Tests.Grains;

public sealed class ProfileGrain(
    [PersistentState("profile")] IPersistentState<ProfileState> profile,
    TestProbe probe) : Grain, IProfileGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Events.Enqueue("activated-with:" + (profile.State.Name ?? "<none>"));
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.RecordDeactivation(reason.Code);
        return Task.CompletedTask;
    }

    public async Task SetNameAsync(string name)
    {
        profile.State.Name = name;
        profile.State.Version++;
        await profile.WriteStateAsync(CancellationToken.None);
    }

    public Task<ProfileSnapshot> GetAsync() =>
        Task.FromResult(new ProfileSnapshot(profile.State.Name, profile.State.Version, profile.Etag, profile.RecordExists));

    public Task ClearAsync() => profile.ClearStateAsync(CancellationToken.None);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
