using Orleans.Concurrency;
using Orleans.Kinesis.Abstractions.Firehose;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// One Firehose delivery stream (key: its name): configuration, a durable buffer of accepted records and their
/// delivery to the destination. A put completes only once its records are durable; delivery is at least once.
/// </summary>
[Alias("kinesis.IDeliveryStreamGrain")]
public interface IDeliveryStreamGrain : IGrainWithStringKey
{
    /// <summary>Creates the stream (CREATING, then ACTIVE); returns its ARN. ResourceInUseException if it exists.</summary>
    Task<string> CreateAsync(DeliveryStreamDefinition definition);

    /// <summary>Starts deleting the stream: DELETING, then gone. ResourceInUseException while CREATING.</summary>
    Task DeleteAsync();

    /// <summary>The description, or ResourceNotFoundException.</summary>
    Task<DeliveryStreamDescription> DescribeAsync();

    /// <summary>Accepts records (decoded data) once they are durable; returns their record ids in order.</summary>
    [AlwaysInterleave]
    Task<FirehosePutResult> PutAsync(ReadOnlyMemory<byte>[] records);

    /// <summary>
    /// Replaces the destination with <paramref name="destination"/> (the caller merged its update into the description it
    /// read) when the version id and destination id match; the version goes up by one. A version that moved on since
    /// the read is ConcurrentModificationException, so no concurrent change is lost.
    /// </summary>
    Task UpdateDestinationAsync(string currentVersionId, string destinationId, S3DestinationSettings destination);

    Task<IReadOnlyDictionary<string, string>> GetTagsAsync();

    Task TagAsync(IReadOnlyDictionary<string, string> tags);

    Task UntagAsync(IReadOnlyList<string> keys);

    /// <summary>Start (keyType non-null) or stop server-side encryption.</summary>
    Task SetEncryptionAsync(string? keyType, string? keyArn);

    /// <summary>
    /// Advances status changes and delivers buffered records whose buffering hints are met (or all of them when
    /// <paramref name="force"/>). The stream's own grain timer and reminder call it; returns false once the stream is gone.
    /// </summary>
    Task<bool> TickAsync(bool force);

    /// <summary>Activates the stream, which arms its delivery timer and reminder (at silo start, for a reminder table that did not survive).</summary>
    Task ResumeAsync();
}
