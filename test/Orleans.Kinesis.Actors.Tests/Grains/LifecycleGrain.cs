using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Tests.Infrastructure;

namespace Orleans.Kinesis.Actors.Tests.Grains;

public sealed class LifecycleGrain(TestProbe probe) : Grain, ILifecycleGrain
{
    private readonly Guid _instance = Guid.NewGuid();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        probe.RecordActivation();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Task.Yield();
        probe.Events.Enqueue("deactivate:" + GrainKey);
        probe.RecordDeactivation(reason.Code);
    }

    public Task<Guid> GetInstanceAsync() => Task.FromResult(_instance);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task<string> BlockAsync(string tag)
    {
        probe.Signal("started:" + tag);
        await probe.WhenSignaled("release:" + tag);
        probe.Events.Enqueue("end:" + tag);
        return tag;
    }

    public async Task<Guid> DeactivateThenBlockAsync(string tag)
    {
        DeactivateOnIdle();
        probe.Signal("started:" + tag);
        await probe.WhenSignaled("release:" + tag);
        return _instance;
    }
}
