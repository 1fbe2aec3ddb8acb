using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>
/// An access key bound to an identity policy (<c>--policy-file</c>) may only do what the policy allows: a reader
/// key reads streams matching <c>orders-*</c>, an explicit Deny wins over an Allow, and a key without a policy may do all.
/// </summary>
[Trait("Area", "Security")]
public sealed class PolicyTests : IAsyncLifetime
{
    private const string Admin = "AKIDADMIN";
    private const string Reader = "AKIDREADER";
    private const string Secret = "policy-test-secret";
    private readonly TempDataDirectory _folder = new("policies");
    private readonly HttpClient _client = new();
    private WebApplication? _app;
    private TestSigner _admin = null!;
    private TestSigner _reader = null!;

    public async Task InitializeAsync()
    {
        var file = Path.Combine(_folder.Path, "policies.json");
        File.WriteAllText(file, """
            {
              "AKIDREADER": {
                "Version": "2012-10-17",
                "Statement": [
                  { "Effect": "Allow", "Action": ["kinesis:Describe*", "kinesis:List*"], "Resource": "*" },
                  { "Effect": "Allow", "Action": "kinesis:*", "Resource": "arn:aws:kinesis:*:*:stream/orders-*" },
                  { "Effect": "Deny", "Action": "kinesis:DeleteStream", "Resource": "*" }
                ]
              }
            }
            """);
        var options = KinesisHostOptions.Parse(["--port", "0", "--in-memory", "--no-control-plane-limits", "--policy-file", file,
            "--access-key", Admin + ":" + Secret, "--access-key", Reader + ":" + Secret]);
        _app = KinesisServer.Build(options);
        await _app.StartAsync();
        var endpoint = KinesisServer.Endpoint(_app);
        _admin = new TestSigner(endpoint, Admin, Secret);
        _reader = new TestSigner(endpoint, Reader, Secret);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _folder.Dispose();
        _client.Dispose();
    }

    [Fact]
    public async Task ReaderKey_IsAllowedWhatItsPolicySays_AndDeniedTheRest_WithTheServicesMessage()
    {
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(_admin, "CreateStream", """{"StreamName":"orders-1","ShardCount":1}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(_admin, "CreateStream", """{"StreamName":"payroll","ShardCount":1}""")).Status);
        await WaitForActiveAsync("orders-1");

        var listed = await CallAsync(_reader, "ListStreams", "{}");
        var putOrders = await CallAsync(_reader, "PutRecord", """{"StreamName":"orders-1","PartitionKey":"k","Data":"aGk="}""");
        var putPayroll = await CallAsync(_reader, "PutRecord", """{"StreamName":"payroll","PartitionKey":"k","Data":"aGk="}""");
        var deleteOrders = await CallAsync(_reader, "DeleteStream", """{"StreamName":"orders-1"}""");
        var stillThere = await CallAsync(_admin, "DescribeStreamSummary", """{"StreamName":"orders-1"}""");

        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Equal(HttpStatusCode.OK, putOrders.Status);
        Assert.Equal("AccessDeniedException", putPayroll.Type);
        Assert.Equal("User: arn:aws:iam::000000000000:user/AKIDREADER is not authorized to perform: kinesis:PutRecord on resource: " +
            "arn:aws:kinesis:us-east-1:000000000000:stream/payroll because no identity-based policy allows the kinesis:PutRecord action", putPayroll.Message);
        Assert.Equal("AccessDeniedException", deleteOrders.Type);
        Assert.EndsWith("with an explicit deny in an identity-based policy", deleteOrders.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillThere.Status);
    }

    [Fact]
    public void PolicyFile_WithABadStatement_IsAStartupErrorNamingTheFile()
    {
        var file = Path.Combine(_folder.Path, "bad.json");
        File.WriteAllText(file, """{"AKID":{"Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]}}""");

        var error = Assert.Throws<ArgumentException>(() => KinesisHostOptions.Parse(["--policy-file", file]));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("Effect", error.Message, StringComparison.Ordinal);
    }

    private async Task WaitForActiveAsync(string stream)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        string? last = null;
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var request = _admin.Sign("Kinesis_20131202.DescribeStreamSummary", $$"""{"StreamName":"{{stream}}"}""");
            using var response = await _client.SendAsync(request);
            last = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["StreamDescriptionSummary"]?["StreamStatus"]?.GetValue<string>();
            if (last == "ACTIVE")
            {
                return;
            }

            await Task.Yield();
        }

        Assert.Fail($"stream {stream} did not become ACTIVE within 30 s (last status {last})");
    }

    private async Task<(HttpStatusCode Status, string? Type, string? Message)> CallAsync(TestSigner signer, string operation, string body)
    {
        using var request = signer.Sign("Kinesis_20131202." + operation, body);
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 ? JsonNode.Parse(text) : null;
        return (response.StatusCode, json?["__type"]?.GetValue<string>(), json?["message"]?.GetValue<string>());
    }
}
