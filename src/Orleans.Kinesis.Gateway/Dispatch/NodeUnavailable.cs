using Orleans.Runtime;

namespace Orleans.Kinesis.Gateway.Dispatch;

/// <summary>
/// Failures of a grain call because a node of the cluster left (or is leaving) while holding the grain. The caller
/// answers InternalFailure, which clients retry; the retry reaches the grain's new activation once membership has
/// moved it, and nothing was acknowledged. Worth one warning line, not an error with a stack.
/// </summary>
internal static class NodeUnavailable
{
    public static bool Is(Exception exception) => exception is OrleansMessageRejectionException or SiloUnavailableException;
}
