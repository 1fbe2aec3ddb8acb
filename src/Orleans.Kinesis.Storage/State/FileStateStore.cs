using System.Buffers.Binary;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Storage.Diagnostics;
using Orleans.Kinesis.Storage.IO;
using Orleans.Kinesis.Storage.Options;

namespace Orleans.Kinesis.Storage.State;

/// <summary>
/// State documents as one file per document: <c>&lt;data&gt;/state/&lt;stateType&gt;/&lt;escaped key&gt;.json</c>.
/// The file starts with a 20-byte header (magic, version, incarnation: the ETag) followed by the document bytes.
/// Writes go to a temporary file that is flushed to disk and renamed over the document, then the folder is flushed.
/// </summary>
internal sealed partial class FileStateStore : IStateDocumentStore
{
    internal const string Extension = ".json";
    private const int HeaderLength = 20;
    private const uint Magic = 0x3153_4B4F; // "OKS1"

    private readonly string _root;
    private readonly ILogger<FileStateStore> _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _keyLocks = new(StringComparer.Ordinal);

    public FileStateStore(IOptions<FileStorageOptions> options, ILogger<FileStateStore> logger)
    {
        _root = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "state");
        _logger = logger;
    }

    public async Task<StateDocument?> ReadAsync(string stateType, string key, CancellationToken cancellationToken)
    {
        var path = DocumentPath(stateType, key);
        var gate = GetLock(path);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
            return stored is { } document ? new StateDocument(document.Data, document.Etag.ToString()) : null;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<string> WriteAsync(string stateType, string key, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken)
    {
        var path = DocumentPath(stateType, key);
        var gate = GetLock(path);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
            var storedEtag = stored?.Etag.ToString();
            if (!string.Equals(storedEtag, expectedEtag, StringComparison.Ordinal))
            {
                Log.EtagConflict(_logger, stateType, key);
                throw StateConflict.Create(stateType, key, storedEtag, expectedEtag);
            }

            var etag = stored is { } document ? document.Etag.Next() : StateEtag.NewDocument();
            var directory = Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(directory);
            var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
            try
            {
                await WriteTempFileAsync(temp, etag, data, cancellationToken).ConfigureAwait(false);
                File.Move(temp, path, overwrite: true);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }

            DirectorySync.Flush(directory);
            return etag.ToString();
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task DeleteAsync(string stateType, string key, string? expectedEtag, CancellationToken cancellationToken)
    {
        var path = DocumentPath(stateType, key);
        var gate = GetLock(path);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
            var storedEtag = stored?.Etag.ToString();
            if (!string.Equals(storedEtag, expectedEtag, StringComparison.Ordinal))
            {
                Log.EtagConflict(_logger, stateType, key);
                throw StateConflict.Create(stateType, key, storedEtag, expectedEtag);
            }

            if (stored is not null)
            {
                File.Delete(path);
                DirectorySync.Flush(Path.GetDirectoryName(path)!);
            }
        }
        finally
        {
            gate.Release();
        }
    }


    private string DocumentPath(string stateType, string key) =>
        Path.Combine(_root, StorageKeyEscaper.Escape(stateType), StorageKeyEscaper.Escape(key) + Extension);

    private SemaphoreSlim GetLock(string path) => _keyLocks.GetOrAdd(path, static _ => new SemaphoreSlim(1, 1));

    private static async Task<(byte[] Data, StateEtag Etag)?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        if (content.Length < HeaderLength || BinaryPrimitives.ReadUInt32LittleEndian(content) != Magic)
        {
            throw new InvalidDataException($"The state file '{path}' has no valid header.");
        }

        var etag = new StateEtag(
            BinaryPrimitives.ReadInt64LittleEndian(content.AsSpan(4)),
            BinaryPrimitives.ReadUInt64LittleEndian(content.AsSpan(12)));
        return (content[HeaderLength..], etag);
    }

    private static async Task WriteTempFileAsync(string temp, StateEtag etag, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(4), etag.Version);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(12), etag.Incarnation);
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = StorageEventIds.StateEtagConflict, Level = LogLevel.Warning, Message = "ETag conflict writing {StateType} document '{Key}'.")]
        public static partial void EtagConflict(ILogger logger, string stateType, string key);
    }
}
