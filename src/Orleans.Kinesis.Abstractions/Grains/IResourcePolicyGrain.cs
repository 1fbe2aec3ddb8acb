namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>The resource policy (a JSON document) of one stream or consumer. Key: the resource ARN.</summary>
[Alias("kinesis.IResourcePolicyGrain")]
public interface IResourcePolicyGrain : IGrainWithStringKey
{
    /// <summary>The policy, or null when none is attached.</summary>
    Task<string?> GetAsync();

    Task PutAsync(string policy);

    Task DeleteAsync();
}
