using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.Storage.Logs.Devices;

namespace Orleans.Kinesis.Storage.Logs.Blobs;

/// <summary>
/// A segment as an append blob. Every Append Block is conditioned on the expected append position, the segment's
/// maximum size and the writer's lease id, so only the current writer can append and only at the durable end; a
/// retry whose first attempt landed (its answer lost) is recognised by reading the range back.
/// </summary>
internal sealed class BlobSegmentDevice(AppendBlobClient blob, long firstOrdinal, long length, int blockCount, BlobSegmentStore store) : ISegmentDevice
{
    private int _blockCount = blockCount;

    public long FirstOrdinal { get; } = firstOrdinal;

    public string Name => blob.Name;

    public long Length { get; } = length;

    public AppendBlobClient Blob => blob;

    public bool HasRoomFor(int bytes) => _blockCount + store.BlocksFor(bytes) <= store.Options.SegmentMaxBlocks;

    public async ValueTask AppendAsync(ReadOnlyMemory<byte> bytes, long position)
    {
        var end = position + bytes.Length;
        var maxBlock = store.Options.MaxBlockBytes;
        while (!bytes.IsEmpty)
        {
            var block = bytes[..Math.Min(bytes.Length, maxBlock)];
            var conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = position, IfMaxSizeLessThanOrEqual = end, LeaseId = store.LeaseId };
            try
            {
                using var content = BinaryData.FromBytes(block).ToStream();
                var result = await blob.AppendBlockAsync(content, new AppendBlobAppendBlockOptions { Conditions = conditions }, CancellationToken.None).ConfigureAwait(false);
                _blockCount = result.Value.BlobCommittedBlockCount;
            }
            catch (RequestFailedException error) when (error.ErrorCode == BlobErrorCode.AppendPositionConditionNotMet)
            {
                // A retry of an append whose first attempt was stored but whose answer was lost is fine; anything else is not.
                if (!await LandedAsync(position, block).ConfigureAwait(false))
                {
                    throw;
                }

                _blockCount++;
            }

            position += block.Length;
            bytes = bytes[block.Length..];
        }
    }

    public async ValueTask ReadAsync(Memory<byte> destination, long offset, CancellationToken cancellationToken)
    {
        try
        {
            var options = new BlobDownloadOptions { Range = new HttpRange(offset, destination.Length) };
            var response = await blob.DownloadStreamingAsync(options, cancellationToken).ConfigureAwait(false);
            using var result = response.Value;
            if (result.Details.ContentLength != destination.Length)
            {
                throw new InvalidDataException($"The log segment '{Name}' ended before offset {offset + destination.Length}.");
            }

            await result.Content.ReadExactlyAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException error) when (error.Status is 404 or 416)
        {
            throw new InvalidDataException($"The log segment '{Name}' is missing or ended before offset {offset + destination.Length}.", error);
        }
    }

    public async ValueTask<bool> HasExactLengthAsync(long length)
    {
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false)).Value;
            if (properties.ContentLength != length)
            {
                return false;
            }

            _blockCount = properties.BlobCommittedBlockCount;
            return true;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return false;
        }
    }

    public ValueTask TruncateAsync(long length) => throw new NotSupportedException("Append blobs cannot be cut; the segment is sealed at its valid end instead.");

    public ValueTask SealAsync() => store.ReleaseSegmentLeaseAsync(blob);

    public bool TryAddReader() => true;

    public void ReleaseReader()
    {
    }

    public void Dispose()
    {
    }

    private async Task<bool> LandedAsync(long position, ReadOnlyMemory<byte> block)
    {
        var stored = await BlobRanges.DownloadAsync(blob, position, block.Length, CancellationToken.None).ConfigureAwait(false);
        return stored is not null && stored.AsSpan().SequenceEqual(block.Span);
    }
}
