using Orleans.Kinesis.Protocol.Signing;

namespace Orleans.Kinesis.Gateway.Authentication;

/// <summary>
/// A request whose headers passed authentication (shape, scope, clock, known key, signed-header coverage); only the
/// payload hash and the signature itself remain to be checked once the body has been read.
/// </summary>
public sealed record SignedRequest(AuthorizationHeader Header, string RequestTime, string Secret);
