using Orleans.Kinesis.Abstractions.Actors;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>The resource policy (a JSON document) of one stream or consumer. Key: the resource ARN.</summary>
public interface IResourcePolicyGrain : IGrainWithStringKey
{
    /// <summary>The policy, or null when none is attached.</summary>
    Task<string?> GetAsync();

    Task PutAsync(string policy);

    Task DeleteAsync();
}
