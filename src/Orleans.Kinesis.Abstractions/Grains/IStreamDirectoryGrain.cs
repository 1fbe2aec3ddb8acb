using Orleans.Concurrency;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>The names of all streams of the account. Key: <see cref="DefaultKey"/>.</summary>
[Alias("kinesis.IStreamDirectoryGrain")]
public interface IStreamDirectoryGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    Task AddAsync(string streamName);

    Task RemoveAsync(string streamName);

    /// <summary>Up to <paramref name="limit"/> names sorted ordinally after <paramref name="exclusiveStart"/>, plus whether more follow.</summary>
    [AlwaysInterleave]
    Task<StreamNamePage> ListAsync(string? exclusiveStart, int limit);

    /// <summary>How many streams exist.</summary>
    [AlwaysInterleave]
    Task<int> CountAsync();
}
