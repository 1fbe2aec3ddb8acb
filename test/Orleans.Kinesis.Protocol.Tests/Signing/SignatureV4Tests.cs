using System.Text;
using Orleans.Kinesis.Protocol.Signing;

namespace Orleans.Kinesis.Protocol.Tests.Signing;

/// <summary>The spec's reference vector (§1.8), which any conforming SigV4 signer reproduces.</summary>
public sealed class SignatureV4Tests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Body = "{\"StreamName\":\"my-stream\",\"ShardCount\":1}";

    private static string CanonicalRequest() => SignatureV4.CanonicalRequest(
        "POST", "/", [],
        [
            ("content-type", "application/x-amz-json-1.1"),
            ("host", "kinesis.us-east-1.amazonaws.com"),
            ("x-amz-date", "20240115T120000Z"),
            ("x-amz-target", "Kinesis_20131202.CreateStream"),
        ],
        "content-type;host;x-amz-date;x-amz-target",
        SignatureV4.HexSha256(Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void PayloadHash_MatchesTheVector()
        => Assert.Equal("33f6909bb9624b3f7ede25bbbfd94ffa493935ec28ec9e9583ba846a4d2acc37", SignatureV4.HexSha256(Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void CanonicalRequestHash_MatchesTheVector()
        => Assert.Equal("be920f857798b9f7d357f2807c2bf67cd838a8eecc7f1371d1efd946816ae6bc", SignatureV4.HexSha256(Encoding.UTF8.GetBytes(CanonicalRequest())));

    [Fact]
    public void SigningKey_MatchesTheVector()
        => Assert.Equal("fb09d25632c8a4e72c32a467189b19e9aa0f00552befeaa2d871f4067b2157b5",
            Convert.ToHexStringLower(SignatureV4.SigningKey(Secret, "20240115", "us-east-1", "kinesis")));

    [Fact]
    public void Signature_MatchesTheVector()
    {
        var stringToSign = SignatureV4.StringToSign("20240115T120000Z", "20240115/us-east-1/kinesis/aws4_request", CanonicalRequest());
        Assert.Equal("d632a3110df1ccada43033c443d5d7115ae945d4934f5a159835af6c02aa680f",
            SignatureV4.Signature(SignatureV4.SigningKey(Secret, "20240115", "us-east-1", "kinesis"), stringToSign));
    }

    [Theory]
    [InlineData("  a   b  ", "a b")]
    [InlineData("plain", "plain")]
    [InlineData("x\t\ty", "x y")]
    public void HeaderValues_AreTrimmedAndCollapsed(string raw, string canonical)
        => Assert.Equal(canonical, SignatureV4.CanonicalHeaderValue(raw));

    [Fact]
    public void AuthorizationHeader_ParsesTolerantly()
    {
        var header = AuthorizationHeader.TryParse("AWS4-HMAC-SHA256 Credential=AKID/20240115/us-east-1/kinesis/aws4_request,SignedHeaders=host;x-amz-date, Signature=abc");
        Assert.NotNull(header);
        Assert.Equal("AKID", header.AccessKeyId);
        Assert.Equal(["host", "x-amz-date"], header.SignedHeaders);
        Assert.Equal("abc", header.Signature);
        Assert.Equal("20240115/us-east-1/kinesis/aws4_request", header.Scope);
        Assert.Null(AuthorizationHeader.TryParse("Basic dXNlcjpwYXNz"));
    }
}
