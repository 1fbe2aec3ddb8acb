using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Storage.Hosting;
using Orleans.Runtime;

namespace Orleans.Kinesis.Grains.Account;

/// <summary>Keeps one resource's policy document.</summary>
[GrainType("resource-policy")]
public sealed class ResourcePolicyGrain : Grain, IResourcePolicyGrain
{
    private readonly IPersistentState<ResourcePolicyState> _state;

    public ResourcePolicyGrain([PersistentState("policy", GrainStorageSiloBuilderExtensions.ProviderName)] IPersistentState<ResourcePolicyState> state) => _state = state;

    public Task<string?> GetAsync() => Task.FromResult(_state.RecordExists ? _state.State.Policy : null);

    public async Task PutAsync(string policy)
    {
        _state.State.Policy = policy;
        await _state.WriteStateAsync(CancellationToken.None);
    }

    public async Task DeleteAsync()
    {
        if (_state.RecordExists)
        {
            await _state.ClearStateAsync(CancellationToken.None);
        }
    }
}
