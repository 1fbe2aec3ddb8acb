using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Storage.IO;
using Orleans.Kinesis.Storage.Options;

namespace Orleans.Kinesis.Storage.Objects;

/// <summary>
/// Objects as files: <c>&lt;data&gt;/buckets/&lt;container&gt;/&lt;name&gt;</c>, where '/' in a name makes folders.
/// A put writes a temporary file outside every container (<c>buckets/.incoming</c>), flushes it to disk and renames
/// it into place, so a reader sees either no object or the whole of it.
/// </summary>
public sealed class FileObjectStore : IObjectStore
{
    private const string IncomingFolder = ".incoming";
    private readonly string _root;

    public FileObjectStore(IOptions<FileStorageOptions> options)
        => _root = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "buckets");

    public Task EnsureContainerAsync(string container, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        DirectorySync.CreateDirectory(ContainerPath(container));
        return Task.CompletedTask;
    }

    public async Task PutAsync(string container, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var target = ObjectPath(container, name);
        var incoming = Path.Combine(_root, IncomingFolder);
        DirectorySync.CreateDirectory(incoming);
        var temporary = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
        try
        {
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await file.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            var folder = Path.GetDirectoryName(target)!;
            DirectorySync.CreateDirectory(folder); // nested prefix folders are made durable too
            File.Move(temporary, target, overwrite: true);
            DirectorySync.Flush(folder);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public async Task<byte[]?> GetAsync(string container, string name, CancellationToken cancellationToken)
    {
        var path = ObjectPath(container, name);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var root = ContainerPath(container);
        if (!Directory.Exists(root))
        {
            yield break;
        }

        var names = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return name;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = ObjectPath(container, name);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    private string ContainerPath(string container)
    {
        if (container.Length == 0 || container.StartsWith('.') || container.Contains('/') || container.Contains('\\'))
        {
            throw new ArgumentException($"'{container}' is not a valid container name.", nameof(container));
        }

        return Path.Combine(_root, container);
    }

    private string ObjectPath(string container, string name)
    {
        var root = ContainerPath(container);
        var path = Path.GetFullPath(Path.Combine(root, name));
        if (name.Length == 0 || name.EndsWith('/') || !path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a valid object name.", nameof(name));
        }

        return path;
    }
}
