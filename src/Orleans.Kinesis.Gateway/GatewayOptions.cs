using Orleans.Kinesis.Gateway.Authorization;

namespace Orleans.Kinesis.Gateway;

/// <summary>Settings of the protocol gateway.</summary>
public sealed class GatewayOptions
{
    /// <summary>The HMAC key that authenticates shard iterators and page tokens (32 bytes). The host keeps it stable across restarts.</summary>
    public byte[] TokenKey { get; set; } = [];

    /// <summary>Whether control-plane calls are held to AWS's per-API rates (LimitExceededException); on by default.</summary>
    public bool ControlPlaneLimits { get; set; } = true;

    /// <summary>Access key ids and their secret keys, for Signature Version 4 verification.</summary>
    public Dictionary<string, string> AccessKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Identity policies by access key id or bearer token name; a principal without one may call everything.</summary>
    public Dictionary<string, PolicyDocument> Policies { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The account of access key ids and bearer token names that belong to another account than the server's; their
    /// calls need a resource policy (PutResourcePolicy) to reach this account's streams and consumers.
    /// </summary>
    public Dictionary<string, string> PrincipalAccounts { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether signatures are verified. When off, any well-formed signature is accepted (the host allows that only
    /// on a loopback address with no access keys configured).
    /// </summary>
    public bool VerifySignatures { get; set; }
}
