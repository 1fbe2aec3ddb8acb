namespace Orleans.Kinesis.Storage.Objects;

/// <summary>
/// Whole objects in named containers: what a Firehose S3 destination delivers to. Containers are an S3 bucket's
/// counterpart (an Azure Blob container in blob mode, a folder under the data directory in files mode); names may
/// contain '/'. An object is visible only once complete: a reader never sees part of a put.
/// </summary>
public interface IObjectStore
{
    /// <summary>Creates the container if it does not exist.</summary>
    Task EnsureContainerAsync(string container, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="content"/> under <paramref name="name"/>, replacing any object of that name.</summary>
    Task PutAsync(string container, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The object's bytes, or null when there is no such object.</summary>
    Task<byte[]?> GetAsync(string container, string name, CancellationToken cancellationToken);

    /// <summary>Names of the container's objects that start with <paramref name="prefix"/>, in ordinal order.</summary>
    IAsyncEnumerable<string> ListAsync(string container, string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes the object; returns false when there was none.</summary>
    Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken);
}
