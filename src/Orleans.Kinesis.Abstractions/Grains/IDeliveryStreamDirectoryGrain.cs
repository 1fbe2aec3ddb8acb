using Orleans.Concurrency;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>The names and types of all delivery streams of the account. Key: <see cref="DefaultKey"/>.</summary>
[Alias("kinesis.IDeliveryStreamDirectoryGrain")]
public interface IDeliveryStreamDirectoryGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    /// <summary>Reserves a name; false when the account already has its maximum number of delivery streams.</summary>
    Task<bool> TryAddAsync(string name, string type, int limit);

    Task RemoveAsync(string name);

    /// <summary>Names sorted ordinally after <paramref name="exclusiveStart"/> (of one type when given), up to <paramref name="limit"/>, plus whether more follow.</summary>
    [AlwaysInterleave]
    Task<(IReadOnlyList<string> Names, bool HasMore)> ListAsync(string? type, string? exclusiveStart, int limit);
}
