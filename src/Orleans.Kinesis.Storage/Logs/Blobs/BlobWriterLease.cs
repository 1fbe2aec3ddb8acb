using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.Storage.Logs.Fencing;

namespace Orleans.Kinesis.Storage.Logs.Blobs;

/// <summary>
/// The lease a shard log's writer holds on <c>…/shardId-…/writer.lock</c> (its owner id in the blob's metadata),
/// renewed every sixth of its duration. The writer counts the lease valid only until the duration, less a margin,
/// after the last renewal it sent, so it stops acknowledging before the service could let another writer in. A
/// second writer waits for the lease to expire, or breaks it at once when <see cref="ILogOwnerLiveness"/> proves the
/// owner gone. The same lease id leases the active segment (infinite), so every append is fenced by the service too.
/// </summary>
internal sealed class BlobWriterLease : IAsyncDisposable
{
    private const string OwnerKey = "owner";
    private static readonly TimeSpan SafetyMargin = TimeSpan.FromSeconds(2);

    private readonly BlobLeaseClient _lease;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewals;
    private long _validUntil;
    private volatile Exception? _lost;

    private BlobWriterLease(BlobLeaseClient lease, TimeSpan duration, long sentAt, TimeProvider time)
    {
        _lease = lease;
        _duration = duration;
        _time = time;
        _validUntil = sentAt + ToTimestamp(duration - SafetyMargin);
        _renewals = RenewAsync();
    }

    public string LeaseId => _lease.LeaseId;

    /// <summary>Set when a renewal was refused: another writer owns the log now. Final.</summary>
    public Exception? Lost => _lost;

    /// <summary>Why the writer may not acknowledge now (lost, or not renewed in time), or null when it may.</summary>
    public Exception? Refusal()
    {
        if (_lost is { } lost)
        {
            return new IOException("The shard log's writer lease was lost; another writer owns the log.", lost);
        }

        return _time.GetTimestamp() < Volatile.Read(ref _validUntil)
            ? null
            : new IOException("The shard log's writer lease could not be renewed in time; appends are refused until it is.");
    }

    public static async Task<BlobWriterLease> AcquireAsync(BlobContainer container, string prefix, int seconds, ILogOwnerLiveness liveness, TimeProvider time, CancellationToken cancellationToken)
    {
        var blob = container.Client.GetBlobClient(prefix + "writer.lock");
        try
        {
            var create = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            await blob.UploadAsync(BinaryData.Empty, create, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException error) when (error.Status is 409 or 412)
        {
        }

        var lease = blob.GetBlobLeaseClient(Guid.NewGuid().ToString());
        var duration = TimeSpan.FromSeconds(seconds);
        var deadline = time.GetUtcNow() + duration + TimeSpan.FromSeconds(5);
        while (true)
        {
            var sentAt = time.GetTimestamp();
            try
            {
                await lease.AcquireAsync(duration, cancellationToken: cancellationToken).ConfigureAwait(false);
                var metadata = new Dictionary<string, string> { [OwnerKey] = liveness.OwnerId };
                await blob.SetMetadataAsync(metadata, new BlobRequestConditions { LeaseId = lease.LeaseId }, cancellationToken).ConfigureAwait(false);
                return new BlobWriterLease(lease, duration, sentAt, time);
            }
            catch (RequestFailedException error) when (error.Status == 409 && time.GetUtcNow() < deadline)
            {
                if (await OwnerIsDeadAsync(blob, liveness, cancellationToken).ConfigureAwait(false))
                {
                    await blob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero, cancellationToken: cancellationToken).ConfigureAwait(false);
                    continue;
                }

                // Held by a live (or unknown) writer: wait for it to expire. Polling with a deadline.
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewals.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_lost is null)
        {
            try
            {
                await _lease.ReleaseAsync().ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                // Lost or unreachable: it expires by itself.
            }
        }

        _stop.Dispose();
    }

    private static async Task<bool> OwnerIsDeadAsync(BlobClient blob, ILogOwnerLiveness liveness, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.LeaseState == LeaseState.Leased
                && properties.Value.Metadata.TryGetValue(OwnerKey, out var owner)
                && await liveness.IsKnownDeadAsync(owner, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            return false;
        }
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(_duration / 6, _time);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var sentAt = _time.GetTimestamp();
            try
            {
                await _lease.RenewAsync(cancellationToken: _stop.Token).ConfigureAwait(false);
                Volatile.Write(ref _validUntil, sentAt + ToTimestamp(_duration - SafetyMargin));
            }
            catch (RequestFailedException error) when (error.Status is 409 or 412)
            {
                _lost = error;
                return;
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                // Storage unreachable: try again at the next tick; the lease lapses locally meanwhile.
            }
        }
    }
}
