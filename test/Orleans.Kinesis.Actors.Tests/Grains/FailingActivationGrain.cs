using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Tests.Infrastructure;

namespace Orleans.Kinesis.Actors.Tests.Grains;

public sealed class FailingActivationGrain(TestProbe probe) : Grain, IFailingActivationGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (GrainKey.StartsWith("gated-", StringComparison.Ordinal))
        {
            await probe.WhenSignaled("activate:" + GrainKey);
        }

        probe.RecordActivation();
        if (probe.ShouldFailActivation())
        {
            throw new GrainTestException("activation failed: " + GrainKey);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.RecordDeactivation(reason.Code);
        return Task.CompletedTask;
    }

    public Task<string> PingAsync() => Task.FromResult("pong");
}
