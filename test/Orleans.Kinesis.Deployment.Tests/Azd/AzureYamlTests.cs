using Orleans.Kinesis.Deployment.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Orleans.Kinesis.Deployment.Tests.Azd;

public sealed class AzureYamlTests
{
    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(RepoPaths.AzureYaml);
        yaml.Load(reader);
        return (YamlMappingNode)Assert.Single(yaml.Documents).RootNode;
    }

    private static string Scalar(YamlMappingNode node, string key) =>
        Assert.IsType<YamlScalarNode>(node.Children[new YamlScalarNode(key)]).Value!;

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) =>
        Assert.IsType<YamlMappingNode>(node.Children[new YamlScalarNode(key)]);

    [Fact]
    public void AzureYaml_DeclaresOneDotnetContainerAppService_ForTheHostProject()
    {
        var root = Load();
        var services = Mapping(root, "services");
        var (name, service) = Assert.Single(services.Children);
        var gateway = Assert.IsType<YamlMappingNode>(service);

        Assert.Equal("orleans-kinesis", Scalar(root, "name"));
        Assert.Equal("gateway", ((YamlScalarNode)name).Value);
        Assert.Equal("dotnet", Scalar(gateway, "language"));
        Assert.Equal("containerapp", Scalar(gateway, "host"));
        var project = Path.Combine(RepoPaths.Root, Scalar(gateway, "project"));
        Assert.True(File.Exists(project), $"{project} does not exist");
        Assert.Equal(Path.GetFullPath(RepoPaths.HostProject), Path.GetFullPath(project));
        Assert.False(gateway.Children.ContainsKey(new YamlScalarNode("docker")), "a Dockerfile build needs Docker; the SDK container build does not");
    }

    [Fact]
    public void AzureYaml_PointsAtTheBicepRoot_AndHooksThatExist()
    {
        var root = Load();
        var infra = Mapping(root, "infra");

        Assert.Equal("bicep", Scalar(infra, "provider"));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, Scalar(infra, "path"), Scalar(infra, "module") + ".bicep")));
        foreach (var (_, hook) in Mapping(root, "hooks").Children)
        {
            foreach (var (_, platform) in ((YamlMappingNode)hook).Children)
            {
                var run = Scalar((YamlMappingNode)platform, "run");
                Assert.True(File.Exists(Path.Combine(RepoPaths.Root, run)), $"hook script {run} does not exist");
            }
        }

        // azd switches a service to "revision module" deploys when infra/<service>.bicep has a parameters file beside it.
        Assert.False(File.Exists(Path.Combine(RepoPaths.Infra, "gateway.bicep")));
    }

    [Fact]
    public void Workflow_LogsInWithOidc_ThenProvisionsAndDeploys()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepoPaths.Root, ".github", "workflows", "azure-dev.yml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Equal("write", Scalar(Mapping(root, "permissions"), "id-token"));
        var deploy = Mapping(Mapping(root, "jobs"), "deploy");
        var steps = Assert.IsType<YamlSequenceNode>(deploy.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>().ToList();
        var runs = steps.Where(step => step.Children.ContainsKey(new YamlScalarNode("run"))).Select(step => Scalar(step, "run")).ToList();
        var login = runs.FindIndex(run => run.Contains("--federated-credential-provider github", StringComparison.Ordinal));
        var provision = runs.FindIndex(run => run.StartsWith("azd provision", StringComparison.Ordinal));
        var release = runs.FindIndex(run => run.StartsWith("azd deploy", StringComparison.Ordinal));

        Assert.True(login >= 0 && login < provision && provision < release, string.Join(" | ", runs));
    }
}
