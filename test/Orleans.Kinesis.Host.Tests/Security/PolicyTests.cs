using System.Net;

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
    private PolicyServer _server = null!;

    public async Task InitializeAsync()
        => _server = await PolicyServer.StartAsync("""
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
            """, [Admin, Reader]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ReaderKey_IsAllowedWhatItsPolicySays_AndDeniedTheRest_WithTheServicesMessage()
    {
        var admin = _server.Signer(Admin);
        var reader = _server.Signer(Reader);
        await _server.OkAsync(admin, "CreateStream", """{"StreamName":"orders-1","ShardCount":1}""");
        await _server.OkAsync(admin, "CreateStream", """{"StreamName":"payroll","ShardCount":1}""");
        await _server.WaitForActiveAsync(admin, "orders-1");

        var listed = await _server.CallAsync(reader, "ListStreams", "{}");
        var putOrders = await _server.CallAsync(reader, "PutRecord", """{"StreamName":"orders-1","PartitionKey":"k","Data":"aGk="}""");
        var putPayroll = await _server.CallAsync(reader, "PutRecord", """{"StreamName":"payroll","PartitionKey":"k","Data":"aGk="}""");
        var deleteOrders = await _server.CallAsync(reader, "DeleteStream", """{"StreamName":"orders-1"}""");
        var stillThere = await _server.CallAsync(admin, "DescribeStreamSummary", """{"StreamName":"orders-1"}""");

        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Equal(HttpStatusCode.OK, putOrders.Status);
        Assert.Equal(HttpStatusCode.BadRequest, putPayroll.Status);
        Assert.Equal("AccessDeniedException", putPayroll.Type);
        Assert.Equal("User: arn:aws:iam::000000000000:user/AKIDREADER is not authorized to perform: kinesis:PutRecord on resource: " +
            "arn:aws:kinesis:us-east-1:000000000000:stream/payroll because no identity-based policy allows the kinesis:PutRecord action", putPayroll.Message);
        Assert.Equal("AccessDeniedException", deleteOrders.Type);
        Assert.EndsWith("with an explicit deny in an identity-based policy", deleteOrders.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillThere.Status);
    }

    [Theory]
    [InlineData("""{"AKID":{"Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]}}""", "Effect")]
    [InlineData("""{"AKID":{"Account":"12345","Policy":{"Statement":[]}}}""", "12-digit account id")]
    public async Task PolicyFile_WithABadEntry_IsAStartupErrorNamingTheFile(string content, string expected)
    {
        using var folder = new Infrastructure.TempDataDirectory("policies");
        var file = Path.Combine(folder.Path, "bad.json");
        await File.WriteAllTextAsync(file, content);

        var error = Assert.Throws<ArgumentException>(() => KinesisHostOptions.Parse(["--policy-file", file]));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
