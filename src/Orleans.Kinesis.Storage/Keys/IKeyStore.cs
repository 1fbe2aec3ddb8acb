namespace Orleans.Kinesis.Storage.Keys;

/// <summary>
/// Where the server's keys live: small named byte strings, created once and never replaced (a blob container's
/// <c>keys/</c> prefix, or files in the data folder). Synchronous, because keys are read once while the server is built.
/// </summary>
public interface IKeyStore
{
    /// <summary>Where the key of that name is kept (a path or a URL), for messages.</summary>
    string Describe(string name);

    /// <summary>The stored bytes, or null when there is no such key.</summary>
    byte[]? Read(string name);

    /// <summary>Stores the bytes durably unless the key exists already (then returns false and changes nothing).</summary>
    bool TryCreate(string name, byte[] content);
}
