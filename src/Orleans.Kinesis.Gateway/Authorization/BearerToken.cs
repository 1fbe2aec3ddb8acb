using System.Text;

namespace Orleans.Kinesis.Gateway.Authorization;

/// <summary>
/// A REST API bearer token as configured: <c>&lt;name&gt;:&lt;token&gt;</c> names the principal whose policy (policy
/// file) applies to the token's calls, where the name is 1 to 64 of <c>A-Z a-z 0-9 + = , . @ _ -</c>; any other
/// value is a token of the principal <see cref="DefaultName"/>.
/// </summary>
public sealed record BearerToken(string Name, byte[] Token)
{
    public const string DefaultName = "api-token";

    public static BearerToken Parse(string configured)
    {
        var colon = configured.IndexOf(':', StringComparison.Ordinal);
        return colon is > 0 and <= 64 && colon < configured.Length - 1 && IsName(configured.AsSpan(0, colon))
            ? new BearerToken(configured[..colon], Encoding.UTF8.GetBytes(configured[(colon + 1)..]))
            : new BearerToken(DefaultName, Encoding.UTF8.GetBytes(configured));
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "+=,.@_-".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
