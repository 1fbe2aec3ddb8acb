using System.Net;
using System.Text.Json.Nodes;

namespace Orleans.Kinesis.Host.Tests.Rest;

/// <summary>A REST answer: status, media type and body text.</summary>
public sealed record RestResponse(HttpStatusCode Status, string? ContentType, string Text)
{
    public JsonNode Json => JsonNode.Parse(Text)!;

    public JsonNode Ok(HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(Status == expected, $"expected {(int)expected}, got {(int)Status}: {Text}");
        return Text.Length == 0 ? new JsonObject() : Json;
    }

    /// <summary>Asserts an RFC 9457 problem with the AWS error type; returns its detail (the AWS message).</summary>
    public string Problem(HttpStatusCode status, string awsErrorType)
    {
        Assert.True(Status == status, $"expected {(int)status} {awsErrorType}, got {(int)Status}: {Text}");
        Assert.Equal("application/problem+json", ContentType);
        Assert.Equal(awsErrorType, Json["title"]!.GetValue<string>());
        Assert.Equal(awsErrorType, Json["awsErrorType"]!.GetValue<string>());
        Assert.Equal("urn:orleans-kinesis:error:" + awsErrorType, Json["type"]!.GetValue<string>());
        Assert.Equal((int)status, Json["status"]!.GetValue<int>());
        return Json["detail"]!.GetValue<string>();
    }
}
