using System.Text.Json;
using Orleans.Kinesis.Gateway.Authorization;

namespace Orleans.Kinesis.Host;

/// <summary>
/// Reads <c>--policy-file</c>: a JSON object from principal (access key id or bearer token name) to either an
/// IAM-style identity policy, e.g.
/// <c>{"AKIDREADER": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kinesis:Get*", "Resource": "*"}]}}</c>,
/// or a binding <c>{"Account": "111122223333", "Policy": {…}}</c> that puts the principal in another account (its
/// calls then need resource policies) with an optional identity policy.
/// </summary>
public static class PolicyFile
{
    public static void Load(string path, IDictionary<string, PolicyDocument> policies, IDictionary<string, string> accounts)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the file must hold a JSON object from access key id to policy.");
            }

            foreach (var binding in document.RootElement.EnumerateObject())
            {
                var entry = binding.Value;
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("Account", out var account))
                {
                    if (account.ValueKind != JsonValueKind.String || account.GetString() is not { Length: 12 } id || !id.All(char.IsAsciiDigit))
                    {
                        throw new FormatException($"the Account of {binding.Name} must be a 12-digit account id.");
                    }

                    accounts[binding.Name] = id;
                    if (entry.TryGetProperty("Policy", out var policy))
                    {
                        policies[binding.Name] = PolicyDocument.Parse(policy);
                    }
                }
                else
                {
                    policies[binding.Name] = PolicyDocument.Parse(entry);
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException or FormatException)
        {
            throw new ArgumentException($"Cannot use the policy file '{path}': {error.Message}");
        }
    }
}
