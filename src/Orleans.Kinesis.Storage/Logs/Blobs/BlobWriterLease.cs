using Azure;
using Orleans.Kinesis.AzureBlob;
using Orleans.Kinesis.Storage.Blobs;

namespace Orleans.Kinesis.Storage.Logs.Blobs;

/// <summary>
/// The lease a shard log's writer holds on <c>…/shardId-…/writer.lock</c>, renewed in the background at a third of
/// its duration. A second host opening the same log waits for the lease (it expires if its holder died) and fails
/// if it cannot get it; a writer whose renewal fails stops appending.
/// </summary>
internal sealed class BlobWriterLease : IAsyncDisposable
{
    private readonly BlobContainer _container;
    private readonly string _blobName;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewals;

    private BlobWriterLease(BlobContainer container, string blobName, string leaseId, TimeSpan renewEvery, TimeProvider time)
    {
        _container = container;
        _blobName = blobName;
        LeaseId = leaseId;
        _renewals = RenewAsync(renewEvery, time);
    }

    public string LeaseId { get; }

    /// <summary>Set when a renewal was refused: another writer may own the log now.</summary>
    public Exception? Lost { get; private set; }

    public static async Task<BlobWriterLease> AcquireAsync(BlobContainer container, string prefix, int seconds, TimeProvider time, CancellationToken cancellationToken)
    {
        var name = prefix + "writer.lock";
        try
        {
            await container.Client.PutBlockBlobAsync(container.Name, name, ReadOnlyMemory<byte>.Empty, BlobConditions.IfNotExists, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException error) when (error.Status is 409 or 412)
        {
        }

        var deadline = time.GetUtcNow().AddSeconds(seconds + 5);
        while (true)
        {
            try
            {
                var id = await container.Client.AcquireLeaseAsync(container.Name, name, seconds, Guid.NewGuid().ToString(), cancellationToken).ConfigureAwait(false);
                return new BlobWriterLease(container, name, id, TimeSpan.FromSeconds(seconds / 3.0), time);
            }
            catch (RequestFailedException error) when (error.Status == 409 && time.GetUtcNow() < deadline)
            {
                // Held by another writer, or by this host before a crash: wait for it to expire. Polling with a deadline.
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewals.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await _container.Client.ReleaseLeaseAsync(_container.Name, _blobName, LeaseId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Lost or unreachable: it expires by itself.
        }

        _stop.Dispose();
    }

    private async Task RenewAsync(TimeSpan every, TimeProvider time)
    {
        using var timer = new PeriodicTimer(every, time);
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

            try
            {
                await _container.Client.RenewLeaseAsync(_container.Name, _blobName, LeaseId, _stop.Token).ConfigureAwait(false);
            }
            catch (RequestFailedException error) when (error.Status is 409 or 412)
            {
                Lost = error;
                return;
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                // Storage unreachable: try again at the next tick; appends fail meanwhile on their own.
            }
        }
    }
}
