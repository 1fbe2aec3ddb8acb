using System.Text.Json;
using Orleans.Kinesis.Gateway.Authorization;

namespace Orleans.Kinesis.Host;

/// <summary>
/// Reads <c>--policy-file</c>: a JSON object from access key id to an IAM-style identity policy, e.g.
/// <c>{"AKIDREADER": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kinesis:Get*", "Resource": "*"}]}}</c>.
/// </summary>
public static class PolicyFile
{
    public static Dictionary<string, PolicyDocument> Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the file must hold a JSON object from access key id to policy.");
            }

            var policies = new Dictionary<string, PolicyDocument>(StringComparer.Ordinal);
            foreach (var binding in document.RootElement.EnumerateObject())
            {
                policies[binding.Name] = PolicyDocument.Parse(binding.Value);
            }

            return policies;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException or FormatException)
        {
            throw new ArgumentException($"Cannot use the policy file '{path}': {error.Message}");
        }
    }
}
