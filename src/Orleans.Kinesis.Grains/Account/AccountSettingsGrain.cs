using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Storage.Hosting;
using Orleans.Runtime;

namespace Orleans.Kinesis.Grains.Account;

/// <summary>
/// The account's minimum throughput billing commitment. A commitment lasts at least 24 hours: turning it off earlier
/// leaves it ENABLED_UNTIL_EARLIEST_ALLOWED_END, and it reads DISABLED once that time has passed.
/// </summary>
[GrainType("account-settings")]
public sealed class AccountSettingsGrain : Grain, IAccountSettingsGrain
{
    private const long MinimumCommitmentMs = 24 * 3_600_000L;
    private readonly IPersistentState<AccountSettingsState> _state;
    private readonly TimeProvider _time;

    public AccountSettingsGrain([PersistentState("account", GrainStorageSiloBuilderExtensions.ProviderName)] IPersistentState<AccountSettingsState> state, TimeProvider time)
    {
        _state = state;
        _time = time;
    }

    public Task<BillingCommitment> GetCommitmentAsync() => Task.FromResult(Describe(Now()));

    public async Task<BillingCommitment> SetCommitmentAsync(bool enabled)
    {
        var now = Now();
        var state = _state.State;
        var current = Describe(now);
        if (enabled && current.Status == "DISABLED")
        {
            state.Enabled = true;
            state.EndRequested = false;
            state.StartedAtMs = now;
            state.EndedAtMs = null;
            state.EarliestAllowedEndAtMs = now + MinimumCommitmentMs;
        }
        else if (enabled)
        {
            state.EndRequested = false;
            state.EndedAtMs = null;
        }
        else if (current.Status != "DISABLED")
        {
            state.EndRequested = true;
            state.EndedAtMs = Math.Max(now, state.EarliestAllowedEndAtMs ?? now);
        }

        await _state.WriteStateAsync(CancellationToken.None);
        return Describe(now);
    }

    private BillingCommitment Describe(long now)
    {
        var state = _state.State;
        if (!state.Enabled || (state.EndRequested && state.EndedAtMs <= now))
        {
            return new BillingCommitment("DISABLED", state.StartedAtMs, state.EndedAtMs, state.EarliestAllowedEndAtMs);
        }

        return new BillingCommitment(state.EndRequested ? "ENABLED_UNTIL_EARLIEST_ALLOWED_END" : "ENABLED",
            state.StartedAtMs, state.EndedAtMs, state.EarliestAllowedEndAtMs);
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
