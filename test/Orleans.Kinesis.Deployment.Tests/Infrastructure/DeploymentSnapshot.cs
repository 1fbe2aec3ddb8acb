using System.Text.Json.Nodes;

namespace Orleans.Kinesis.Deployment.Tests.Infrastructure;

/// <summary>
/// What infra/main.bicep would deploy for one set of parameters: `bicep snapshot` evaluates the template (modules,
/// loops, conditions) offline and lists the predicted resources with their properties; values only Azure knows stay
/// as reference() expressions.
/// </summary>
public sealed class DeploymentSnapshot
{
    public const string AccessKeys = "AKIDDEPLOYTEST:deploy-test-secret-value";
    public const string EncryptionKey = "ZGVwbG95LXRlc3QtZW5jcnlwdGlvbi1rZXktMzJieXQ=";
    public const string Image = "crtest.azurecr.io/orleans-kinesis/gateway-test:azd-deploy-1";

    private DeploymentSnapshot(JsonArray resources, JsonObject outputs)
    {
        Resources = resources.Select(resource => resource!.AsObject()).ToList();
        Outputs = outputs;
    }

    public IReadOnlyList<JsonObject> Resources { get; }

    public JsonObject Outputs { get; }

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(resource => string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject Single(string type) => Assert.Single(OfType(type));

    /// <summary>Snapshots main.bicep with the given extra parameter lines (bicepparam syntax).</summary>
    public static async Task<DeploymentSnapshot> SnapshotAsync(params string[] parameters)
    {
        var folder = Directory.CreateTempSubdirectory("orleans-kinesis-bicep-");
        try
        {
            var file = System.IO.Path.Combine(folder.FullName, "test.bicepparam");
            var main = System.IO.Path.GetRelativePath(folder.FullName, RepoPaths.MainBicep).Replace('\\', '/');
            string[] lines =
            [
                $"using '{main}'",
                "param environmentName = 'deploytest'",
                "param location = 'westeurope'",
                $"param accessKeys = '{AccessKeys}'",
                $"param encryptionKey = '{EncryptionKey}'",
                .. parameters,
            ];
            await File.WriteAllLinesAsync(file, lines);
            var result = await BicepCli.RunAsync(
                "snapshot", file,
                "--subscription-id", "00000000-0000-0000-0000-00000000abcd",
                "--tenant-id", "00000000-0000-0000-0000-00000000ef01",
                "--location", "westeurope");
            Assert.True(result.ExitCode == 0, $"bicep snapshot failed: {result}");
            var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(System.IO.Path.ChangeExtension(file, ".snapshot.json")))!.AsObject();
            Assert.Empty(snapshot["diagnostics"]!.AsArray());
            return new DeploymentSnapshot(snapshot["predictedResources"]!.AsArray(), snapshot["outputs"]!.AsObject());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
