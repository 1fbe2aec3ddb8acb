namespace Orleans.Kinesis.Gateway.Authorization;

/// <summary>What one policy says about a request: nothing, an Allow, or an explicit Deny (which wins over any Allow).</summary>
public enum PolicyDecision
{
    NotAllowed,
    Allowed,
    ExplicitDeny,
}
