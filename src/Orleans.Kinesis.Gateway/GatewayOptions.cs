namespace Orleans.Kinesis.Gateway;

/// <summary>Settings of the protocol gateway.</summary>
public sealed class GatewayOptions
{
    /// <summary>The HMAC key that authenticates shard iterators and page tokens (32 bytes). The host keeps it stable across restarts.</summary>
    public byte[] TokenKey { get; set; } = [];
}
