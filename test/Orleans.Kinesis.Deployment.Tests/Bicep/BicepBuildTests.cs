using System.Text.Json.Nodes;
using Orleans.Kinesis.Deployment.Tests.Infrastructure;

namespace Orleans.Kinesis.Deployment.Tests.Bicep;

public sealed class BicepBuildTests
{
    [Fact]
    public async Task MainBicep_CompilesAndLints_WithNoDiagnosticsUnderTheStrictConfig()
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Infra, "bicepconfig.json")))!;
        var rules = config["analyzers"]!["core"]!["rules"]!.AsObject();
        foreach (var rule in new[] { "secure-parameter-default", "no-hardcoded-location", "no-hardcoded-env-urls", "outputs-should-not-contain-secrets", "secure-secrets-in-params", "use-secure-value-for-secure-inputs" })
        {
            Assert.Equal("error", (string?)rules[rule]?["level"]);
        }

        var lint = await BicepCli.RunAsync("lint", RepoPaths.MainBicep);
        var build = await BicepCli.RunAsync("build", RepoPaths.MainBicep, "--stdout");

        Assert.True(lint.ExitCode == 0 && lint.Output.Length == 0 && lint.Error.Length == 0, $"bicep lint: {lint}");
        Assert.True(build.ExitCode == 0 && build.Error.Length == 0, $"bicep build: {build.Error}");
        var template = JsonNode.Parse(build.Output)!;
        Assert.Equal("https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#", (string?)template["$schema"]);
    }

    [Fact]
    public async Task CompiledTemplate_KeepsSecretsInSecureParameters_AndOutOfOutputs()
    {
        var build = await BicepCli.RunAsync("build", RepoPaths.MainBicep, "--stdout");
        var template = JsonNode.Parse(build.Output)!.AsObject();
        var parameters = template["parameters"]!.AsObject();

        Assert.Equal("securestring", (string?)parameters["accessKeys"]!["type"]);
        Assert.Equal("securestring", (string?)parameters["encryptionKey"]!["type"]);
        Assert.Null(parameters["accessKeys"]!["defaultValue"]);
        Assert.Null(parameters["encryptionKey"]!["defaultValue"]);
        foreach (var (name, output) in template["outputs"]!.AsObject())
        {
            var text = output!.ToJsonString();
            Assert.DoesNotContain("securestring", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("accessKeys", text, StringComparison.Ordinal);
            Assert.DoesNotContain("encryptionKey", text, StringComparison.Ordinal);
            Assert.False(name.EndsWith("_KEY", StringComparison.Ordinal) || name.EndsWith("_KEYS", StringComparison.Ordinal) || name.Contains("SECRET", StringComparison.Ordinal), name);
        }
    }

    [Fact]
    public async Task ParametersFile_SetsEveryRequiredParameter_FromAzdEnvironmentValues()
    {
        var build = await BicepCli.RunAsync("build", RepoPaths.MainBicep, "--stdout");
        var declared = JsonNode.Parse(build.Output)!["parameters"]!.AsObject();
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Infra, "main.parameters.json")))!;
        var values = file["parameters"]!.AsObject();

        foreach (var (name, parameter) in declared)
        {
            if (parameter!["defaultValue"] is null)
            {
                Assert.True(values.ContainsKey(name), $"main.parameters.json does not set the required parameter {name}");
            }
        }

        Assert.All(values, value => Assert.True(declared.ContainsKey(value.Key), $"main.bicep has no parameter {value.Key}"));
        Assert.Equal("${AZURE_ENV_NAME}", (string?)values["environmentName"]!["value"]);
        Assert.Equal("${AZURE_LOCATION}", (string?)values["location"]!["value"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", (string?)values["principalId"]!["value"]);
        Assert.Equal("${SERVICE_GATEWAY_RESOURCE_EXISTS=false}", (string?)values["gatewayExists"]!["value"]);
    }
}
