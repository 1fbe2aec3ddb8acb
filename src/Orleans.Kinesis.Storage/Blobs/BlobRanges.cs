using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Orleans.Kinesis.Storage.Blobs;

/// <summary>Ranged reads and lease-proof deletes over the Azure SDK, for the log engine's blob device.</summary>
internal static class BlobRanges
{
    /// <summary>The bytes <c>[offset, offset + count)</c> of the blob (to its end when <paramref name="count"/> is null); null when there is no such blob.</summary>
    public static async Task<byte[]?> DownloadAsync(BlobBaseClient blob, long offset, long? count, CancellationToken cancellationToken)
    {
        try
        {
            var options = new BlobDownloadOptions { Range = new HttpRange(offset, count) };
            var response = await blob.DownloadStreamingAsync(options, cancellationToken).ConfigureAwait(false);
            using var result = response.Value;
            var content = new byte[result.Details.ContentLength];
            await result.Content.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
            return content;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException error) when (error.Status == 416)
        {
            return []; // the range starts at the blob's end (an empty blob)
        }
    }

    /// <summary>Deletes the blob if it exists, breaking a lease a writer left on it first.</summary>
    public static async Task DeleteAsync(BlobBaseClient blob, CancellationToken cancellationToken)
    {
        try
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException error) when (error.Status == 412)
        {
            await blob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero, cancellationToken: cancellationToken).ConfigureAwait(false);
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
