namespace Orleans.Kinesis.Gateway.Authorization;

/// <summary>
/// One statement of a policy: Allow or Deny, action patterns and resource ARN patterns (<c>*</c>, <c>?</c>), and for a
/// resource policy the principals it applies to (<c>*</c>, an account id, <c>arn:aws:iam::&lt;account&gt;:root</c> or a
/// user ARN, wildcards allowed); <see cref="Principals"/> is null in an identity policy.
/// </summary>
public sealed record PolicyStatement(bool Allow, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, IReadOnlyList<string>? Principals = null)
{
    public bool Matches(string action, string resource)
        => AnyMatch(Actions, action, ignoreCase: true) && AnyMatch(Resources, resource, ignoreCase: false);

    /// <summary>Whether the statement names <paramref name="principal"/> (an identity statement names everyone).</summary>
    public bool Names(PolicyPrincipal principal)
    {
        if (Principals is null)
        {
            return true;
        }

        foreach (var pattern in Principals)
        {
            if (pattern == "*" || pattern == principal.Account || pattern == principal.AccountRootArn || Wildcard.IsMatch(pattern, principal.Arn, ignoreCase: false))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyMatch(IReadOnlyList<string> patterns, string value, bool ignoreCase)
    {
        foreach (var pattern in patterns)
        {
            if (Wildcard.IsMatch(pattern, value, ignoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
