using System.Text.Json.Nodes;
using Orleans.Kinesis.Deployment.Tests.Infrastructure;

namespace Orleans.Kinesis.Deployment.Tests.Container;

/// <summary>
/// The image `dotnet publish -t:PublishContainer` (what azd runs) would build, read from the Host project's evaluated
/// MSBuild properties and items. The image itself is not built here: the base image can't be pulled on this machine.
/// </summary>
public sealed class ContainerSettingsTests
{
    private static async Task<JsonObject> EvaluateAsync()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var result = await Tool.RunAsync(
            dotnet,
            [
                "msbuild", RepoPaths.HostProject, "-nologo", "-target:ComputeContainerBaseImage",
                "-getProperty:EnableSdkContainerSupport", "-getProperty:ContainerBaseImage", "-getProperty:ContainerUser",
                "-getProperty:ContainerRepository", "-getItem:ContainerPort", "-getItem:ContainerLabel", "-getItem:ContainerEnvironmentVariable",
            ],
            TimeSpan.FromMinutes(4));
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.Output)!.AsObject();
    }

    [Fact]
    public async Task HostImage_IsChiseledAspNet_NonRoot_OnPort8080_WithLabels()
    {
        var evaluated = await EvaluateAsync();
        var properties = evaluated["Properties"]!;
        var items = evaluated["Items"]!;

        Assert.Equal("true", (string?)properties["EnableSdkContainerSupport"]);
        Assert.Equal("orleans-kinesis", (string?)properties["ContainerRepository"]);
        var baseImage = (string)properties["ContainerBaseImage"]!;
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", baseImage, StringComparison.Ordinal);
        Assert.EndsWith("-chiseled", baseImage, StringComparison.Ordinal);
        var user = (string?)properties["ContainerUser"];
        Assert.False(string.IsNullOrEmpty(user) || user is "root" or "0", $"container user '{user}'");

        var port = Assert.Single(items["ContainerPort"]!.AsArray())!;
        Assert.Equal("8080", (string?)port["Identity"]);
        Assert.Equal("tcp", (string?)port["Type"]);
        var env = items["ContainerEnvironmentVariable"]!.AsArray().ToDictionary(item => (string)item!["Identity"]!, item => (string?)item!["Value"]);
        Assert.Equal("8080", env["ASPNETCORE_HTTP_PORTS"]);
        var labels = items["ContainerLabel"]!.AsArray().Select(item => (string)item!["Identity"]!).ToList();
        Assert.Contains("org.opencontainers.image.title", labels);
        Assert.Contains("org.opencontainers.image.description", labels);
    }
}
