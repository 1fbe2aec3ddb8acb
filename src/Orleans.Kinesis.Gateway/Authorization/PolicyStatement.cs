namespace Orleans.Kinesis.Gateway.Authorization;

/// <summary>One statement of an identity policy: Allow or Deny, action patterns and resource ARN patterns (<c>*</c>, <c>?</c>).</summary>
public sealed record PolicyStatement(bool Allow, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources)
{
    public bool Matches(string action, string resource)
        => AnyMatch(Actions, action, ignoreCase: true) && AnyMatch(Resources, resource, ignoreCase: false);

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
