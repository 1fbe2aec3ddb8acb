using System.Text.Json;

namespace Orleans.Kinesis.Gateway.Authorization;

/// <summary>
/// An IAM-style policy: <c>{"Version":"2012-10-17","Statement":[{"Effect":"Allow"|"Deny","Action":…,"Resource":…}]}</c>
/// where Action and Resource are a string or a list of strings. A resource policy's statements also name a
/// <c>Principal</c>: <c>"*"</c> or <c>{"AWS": …}</c> (account ids or IAM ARNs). An explicit Deny wins; otherwise some Allow must match.
/// </summary>
public sealed class PolicyDocument
{
    private PolicyDocument(IReadOnlyList<PolicyStatement> statements) => Statements = statements;

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>Parses a policy; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static PolicyDocument Parse(JsonElement policy, bool resourcePolicy = false)
    {
        if (policy.ValueKind != JsonValueKind.Object || !policy.TryGetProperty("Statement", out var statements))
        {
            throw new FormatException("a policy must be an object with a Statement member.");
        }

        var parsed = new List<PolicyStatement>();
        foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray() : Enumerable.Repeat(statements, 1))
        {
            if (statement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("every statement must be an object.");
            }

            var effect = statement.TryGetProperty("Effect", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (effect is not ("Allow" or "Deny"))
            {
                throw new FormatException("every statement needs \"Effect\": \"Allow\" or \"Deny\".");
            }

            parsed.Add(new PolicyStatement(effect == "Allow", Strings(statement, "Action"), Strings(statement, "Resource"),
                resourcePolicy ? Principals(statement) : null));
        }

        return new PolicyDocument(parsed);
    }

    /// <summary>True when allowed; false with <paramref name="explicitDeny"/> telling why not.</summary>
    public bool Allows(string action, string resource, out bool explicitDeny)
    {
        var decision = Evaluate(action, resource, principal: null);
        explicitDeny = decision == PolicyDecision.ExplicitDeny;
        return decision == PolicyDecision.Allowed;
    }

    /// <summary>What the statements naming <paramref name="principal"/> (every statement when null) say about the call.</summary>
    public PolicyDecision Evaluate(string action, string resource, PolicyPrincipal? principal)
    {
        var allowed = false;
        foreach (var statement in Statements)
        {
            if (statement.Matches(action, resource) && (principal is null || statement.Names(principal)))
            {
                if (!statement.Allow)
                {
                    return PolicyDecision.ExplicitDeny;
                }

                allowed = true;
            }
        }

        return allowed ? PolicyDecision.Allowed : PolicyDecision.NotAllowed;
    }

    private static List<string> Principals(JsonElement statement)
    {
        if (!statement.TryGetProperty("Principal", out var principal))
        {
            throw new FormatException("every statement of a resource policy needs \"Principal\".");
        }

        if (principal.ValueKind == JsonValueKind.String && principal.GetString() == "*")
        {
            return ["*"];
        }

        if (principal.ValueKind != JsonValueKind.Object || !principal.TryGetProperty("AWS", out _))
        {
            throw new FormatException("\"Principal\" must be \"*\" or {\"AWS\": <account id or IAM ARN, or a list of them>}.");
        }

        return Strings(principal, "AWS");
    }

    private static List<string> Strings(JsonElement statement, string member)
    {
        if (!statement.TryGetProperty(member, out var value))
        {
            throw new FormatException($"every statement needs \"{member}\".");
        }

        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        if (items.Count == 0 || items.Any(static item => item.ValueKind != JsonValueKind.String))
        {
            throw new FormatException($"\"{member}\" must be a string or a non-empty list of strings.");
        }

        return items.Select(static item => item.GetString()!).ToList();
    }
}
