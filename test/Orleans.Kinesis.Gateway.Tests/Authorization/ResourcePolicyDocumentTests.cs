using System.Text.Json;
using Orleans.Kinesis.Gateway.Authorization;

namespace Orleans.Kinesis.Gateway.Tests.Authorization;

/// <summary>Resource policies name their principals; bearer tokens configured as name:token carry a principal name.</summary>
[Trait("Area", "Security")]
public sealed class ResourcePolicyDocumentTests
{
    private const string Stream = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    private static readonly PolicyPrincipal Partner = new("AKIDPARTNER", "111122223333");

    [Theory]
    [InlineData("\"*\"", PolicyDecision.Allowed)]
    [InlineData("{\"AWS\":\"111122223333\"}", PolicyDecision.Allowed)]
    [InlineData("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", PolicyDecision.Allowed)]
    [InlineData("{\"AWS\":[\"arn:aws:iam::999999999999:root\",\"arn:aws:iam::111122223333:user/AKID*\"]}", PolicyDecision.Allowed)]
    [InlineData("{\"AWS\":\"arn:aws:iam::999999999999:root\"}", PolicyDecision.NotAllowed)]
    public void AllowStatement_AppliesOnlyToThePrincipalsItNames(string principal, PolicyDecision expected)
    {
        var policy = Parse($$"""{"Statement":[{"Effect":"Allow","Principal":{{principal}},"Action":"kinesis:Get*","Resource":"{{Stream}}"}]}""");

        Assert.Equal(expected, policy.Evaluate("kinesis:GetRecords", Stream, Partner));
        Assert.Equal(PolicyDecision.NotAllowed, policy.Evaluate("kinesis:PutRecord", Stream, Partner));
    }

    [Fact]
    public void ExplicitDeny_WinsOverAnAllow()
    {
        var policy = Parse($$"""
            {"Statement":[
              {"Effect":"Allow","Principal":"*","Action":"kinesis:*","Resource":"*"},
              {"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"kinesis:DeleteStream","Resource":"{{Stream}}"}]}
            """);

        Assert.Equal(PolicyDecision.ExplicitDeny, policy.Evaluate("kinesis:DeleteStream", Stream, Partner));
        Assert.Equal(PolicyDecision.Allowed, policy.Evaluate("kinesis:DeleteStream", Stream, new PolicyPrincipal("AKIDOTHER", "222233334444")));
    }

    [Theory]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"someone","Action":"*","Resource":"*"}]}""")]
    [InlineData("{}")]
    [InlineData("not json")]
    public void StoredDocumentThatIsNoResourcePolicy_AllowsNothing(string text)
        => Assert.Null(AccessPolicies.TryParse(text));

    [Theory]
    [InlineData("viewer:s3cret", "viewer", "s3cret")]
    [InlineData("ci.bot@example:a:b", "ci.bot@example", "a:b")]
    [InlineData("plain-token", BearerToken.DefaultName, "plain-token")]
    [InlineData("has space:token", BearerToken.DefaultName, "has space:token")]
    [InlineData("name:", BearerToken.DefaultName, "name:")]
    public void BearerToken_NamesItsPrincipal_WhenConfiguredAsNameColonToken(string configured, string name, string token)
    {
        var parsed = BearerToken.Parse(configured);

        Assert.Equal(name, parsed.Name);
        Assert.Equal(token, System.Text.Encoding.UTF8.GetString(parsed.Token));
    }

    private static PolicyDocument Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return PolicyDocument.Parse(document.RootElement, resourcePolicy: true);
    }
}
