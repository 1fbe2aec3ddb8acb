using System.Text.Json;

namespace Orleans.Kinesis.Gateway.Authorization;

/// <summary>
/// An IAM-style identity policy: <c>{"Version":"2012-10-17","Statement":[{"Effect":"Allow"|"Deny","Action":…,"Resource":…}]}</c>
/// where Action and Resource are a string or a list of strings. An explicit Deny wins; otherwise some Allow must match.
/// </summary>
public sealed class PolicyDocument
{
    private PolicyDocument(IReadOnlyList<PolicyStatement> statements) => Statements = statements;

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>Parses a policy; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static PolicyDocument Parse(JsonElement policy)
    {
        if (policy.ValueKind != JsonValueKind.Object || !policy.TryGetProperty("Statement", out var statements))
        {
            throw new FormatException("a policy must be an object with a Statement member.");
        }

        var parsed = new List<PolicyStatement>();
        foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray() : Enumerable.Repeat(statements, 1))
        {
            var effect = statement.TryGetProperty("Effect", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (effect is not ("Allow" or "Deny"))
            {
                throw new FormatException("every statement needs \"Effect\": \"Allow\" or \"Deny\".");
            }

            parsed.Add(new PolicyStatement(effect == "Allow", Strings(statement, "Action"), Strings(statement, "Resource")));
        }

        return new PolicyDocument(parsed);
    }

    /// <summary>True when allowed; false with <paramref name="explicitDeny"/> telling why not.</summary>
    public bool Allows(string action, string resource, out bool explicitDeny)
    {
        var allowed = false;
        explicitDeny = false;
        foreach (var statement in Statements)
        {
            if (statement.Matches(action, resource))
            {
                explicitDeny |= !statement.Allow;
                allowed |= statement.Allow;
            }
        }

        return allowed && !explicitDeny;
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
