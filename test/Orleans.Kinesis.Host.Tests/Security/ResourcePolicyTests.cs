using System.Net;
using System.Text.Json;
using Orleans.Kinesis.Host.Tests.RealClients;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>
/// A key the policy file puts in another account reaches this account's streams only by ARN and only where the
/// stream's resource policy (PutResourcePolicy) allows it; an explicit Deny in the resource policy or in the key's
/// identity policy wins; the owner's keys are not affected.
/// </summary>
[Trait("Area", "Security")]
public sealed class ResourcePolicyTests : IAsyncLifetime
{
    private const string Owner = "AKIDOWNER";
    private const string Partner = "AKIDPARTNER";
    private const string Limited = "AKIDLIMITED";
    private const string PartnerAccount = "111122223333";
    private const string Shared = "arn:aws:kinesis:us-east-1:000000000000:stream/shared";
    private const string Private = "arn:aws:kinesis:us-east-1:000000000000:stream/private";
    private PolicyServer _server = null!;

    public async Task InitializeAsync()
        => _server = await PolicyServer.StartAsync($$"""
            {
              "{{Partner}}": { "Account": "{{PartnerAccount}}" },
              "{{Limited}}": { "Account": "{{PartnerAccount}}", "Policy": { "Version": "2012-10-17", "Statement": [
                { "Effect": "Allow", "Action": "kinesis:*", "Resource": "*" },
                { "Effect": "Deny", "Action": "kinesis:PutRecord", "Resource": "*" } ] } }
            }
            """, [Owner, Partner, Limited]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OtherAccountsKey_NeedsTheStreamsResourcePolicy_AndAnExplicitDenyWins()
    {
        var owner = _server.Signer(Owner);
        var partner = _server.Signer(Partner);
        var limited = _server.Signer(Limited);
        await _server.OkAsync(owner, "CreateStream", """{"StreamName":"shared","ShardCount":1}""");
        await _server.OkAsync(owner, "CreateStream", """{"StreamName":"private","ShardCount":1}""");
        await _server.WaitForActiveAsync(owner, "shared");
        await _server.WaitForActiveAsync(owner, "private");

        var beforePolicy = await PutAsync(partner, Shared);
        AssertDenied(beforePolicy, Partner, "kinesis:PutRecord", Shared, "because no resource-based policy allows the kinesis:PutRecord action");
        using var cli = new AwsCli(_server.Endpoint, Partner, PolicyServer.Secret);
        var cliDenied = await cli.RunAsync("put-record", "--stream-arn", Shared, "--partition-key", "k", "--data", "aGk=");
        Assert.True(cliDenied.ExitCode != 0, cliDenied.Describe());
        Assert.Contains("AccessDeniedException", cliDenied.Stderr, StringComparison.Ordinal);
        Assert.Contains($"User: arn:aws:iam::{PartnerAccount}:user/{Partner} is not authorized to perform: kinesis:PutRecord", cliDenied.Stderr, StringComparison.Ordinal);

        var policy = JsonSerializer.Serialize(new
        {
            Version = "2012-10-17",
            Statement = new object[]
            {
                new { Effect = "Allow", Principal = new { AWS = $"arn:aws:iam::{PartnerAccount}:root" }, Action = new[] { "kinesis:PutRecord", "kinesis:DescribeStreamSummary", "kinesis:ListShards" }, Resource = Shared },
                new { Effect = "Deny", Principal = new { AWS = PartnerAccount }, Action = "kinesis:ListShards", Resource = Shared },
            },
        });
        await _server.OkAsync(owner, "PutResourcePolicy", JsonSerializer.Serialize(new { ResourceARN = Shared, Policy = policy }));

        Assert.Equal(HttpStatusCode.OK, (await PutAsync(partner, Shared)).Status);
        await cli.OkAsync("put-record", "--stream-arn", Shared, "--partition-key", "k", "--data", "aGk=");
        Assert.Equal(HttpStatusCode.OK, (await _server.CallAsync(partner, "DescribeStreamSummary", $$"""{"StreamARN":"{{Shared}}"}""")).Status);
        AssertDenied(await _server.CallAsync(partner, "ListShards", $$"""{"StreamARN":"{{Shared}}"}"""),
            Partner, "kinesis:ListShards", Shared, "with an explicit deny in a resource-based policy");
        AssertDenied(await _server.CallAsync(partner, "GetShardIterator", $$"""{"StreamARN":"{{Shared}}","ShardId":"shardId-000000000000","ShardIteratorType":"LATEST"}"""),
            Partner, "kinesis:GetShardIterator", Shared, "because no resource-based policy allows the kinesis:GetShardIterator action");
        AssertDenied(await PutAsync(partner, Private), Partner, "kinesis:PutRecord", Private, "because no resource-based policy allows the kinesis:PutRecord action");
        AssertDenied(await PutAsync(limited, Shared), Limited, "kinesis:PutRecord", Shared, "with an explicit deny in an identity-based policy");

        // A name resolves in the caller's own account, where this server holds nothing.
        var byName = await _server.CallAsync(partner, "PutRecord", """{"StreamName":"shared","PartitionKey":"k","Data":"aGk="}""");
        Assert.Equal((HttpStatusCode.BadRequest, "ResourceNotFoundException", $"Stream shared under account {PartnerAccount} not found."), byName);

        // The owner's own keys are not bound by the resource policy.
        Assert.Equal(HttpStatusCode.OK, (await _server.CallAsync(owner, "ListShards", $$"""{"StreamARN":"{{Shared}}"}""")).Status);

        await _server.OkAsync(owner, "DeleteResourcePolicy", JsonSerializer.Serialize(new { ResourceARN = Shared }));
        AssertDenied(await PutAsync(partner, Shared), Partner, "kinesis:PutRecord", Shared, "because no resource-based policy allows the kinesis:PutRecord action");
    }

    private Task<(HttpStatusCode Status, string? Type, string? Message)> PutAsync(TestSigner signer, string streamArn)
        => _server.CallAsync(signer, "PutRecord", $$"""{"StreamARN":"{{streamArn}}","PartitionKey":"k","Data":"aGk="}""");

    private static void AssertDenied((HttpStatusCode Status, string? Type, string? Message) answer, string key, string action, string resource, string reason)
    {
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("AccessDeniedException", answer.Type);
        Assert.Equal($"User: arn:aws:iam::{PartnerAccount}:user/{key} is not authorized to perform: {action} on resource: {resource} {reason}", answer.Message);
    }
}
