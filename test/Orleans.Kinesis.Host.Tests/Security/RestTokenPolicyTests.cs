using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Orleans.Kinesis.Host.Tests.Rest;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>
/// A REST bearer token configured as <c>&lt;name&gt;:&lt;token&gt;</c> acts as the principal <c>name</c>: the policy
/// file's policy for that name is evaluated for every AWS operation a REST route runs, as for an access key.
/// </summary>
[Trait("Area", "Security")]
public sealed class RestTokenPolicyTests : IAsyncLifetime
{
    private const string ViewerToken = "viewer-token-0123456789";
    private const string AdminToken = "admin-token-0123456789";
    private PolicyServer _server = null!;
    private RestClient _rest = null!;

    public async Task InitializeAsync()
    {
        _server = await PolicyServer.StartAsync("""
            { "viewer": { "Version": "2012-10-17", "Statement": [
                { "Effect": "Allow", "Action": ["kinesis:Describe*", "kinesis:List*"], "Resource": "*" } ] } }
            """, ["AKIDREST"], "--api-token", "viewer:" + ViewerToken, "--api-token", AdminToken);
        _rest = new RestClient(_server.Endpoint);
    }

    public async Task DisposeAsync()
    {
        _rest.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task NamedToken_IsHeldToItsPolicy_AndAnUnboundTokenIsNot()
    {
        (await SendAsync(HttpMethod.Post, "/api/v1/streams", """{"name":"by-admin","shardCount":1}""", AdminToken)).Ok(HttpStatusCode.Created);

        (await SendAsync(HttpMethod.Get, "/api/v1/streams", null, ViewerToken)).Ok();
        var denied = await SendAsync(HttpMethod.Post, "/api/v1/streams", """{"name":"by-viewer","shardCount":1}""", ViewerToken);
        var detail = denied.Problem(HttpStatusCode.Forbidden, "AccessDeniedException");
        Assert.Equal("User: arn:aws:iam::000000000000:user/viewer is not authorized to perform: kinesis:CreateStream on resource: " +
            "arn:aws:kinesis:us-east-1:000000000000:stream/by-viewer because no identity-based policy allows the kinesis:CreateStream action", detail);
        var write = await SendAsync(HttpMethod.Post, "/api/v1/streams/by-admin/records", """{"partitionKey":"k","text":"hi"}""", ViewerToken);
        write.Problem(HttpStatusCode.Forbidden, "AccessDeniedException");

        (await SendAsync(HttpMethod.Get, "/api/v1/streams/by-viewer", null, AdminToken)).Problem(HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    private Task<RestResponse> SendAsync(HttpMethod method, string path, string? body, string token)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _rest.SendAsync(request);
    }
}
