using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// Signs Kinesis JSON requests with AWS Signature Version 4 over the headers
/// content-type;host;x-amz-date;x-amz-target, using the documentation's example credentials.
/// With <c>dummy</c> set it emits a well-formed header with a constant signature instead.
/// </summary>
internal sealed class SigV4Signer
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string ContentType = "application/x-amz-json-1.1";
    private const string SignedHeaders = "content-type;host;x-amz-date;x-amz-target";
    private const string DummySignature = "0000000000000000000000000000000000000000000000000000000000000000";

    private readonly string _region;
    private readonly bool _dummy;
    private SigningKey? _key;

    public SigV4Signer(string region, bool dummy)
    {
        _region = region;
        _dummy = dummy;
    }

    /// <summary>Returns the Authorization header value for a request signed at <paramref name="amzDate"/>.</summary>
    public string Sign(string host, string target, string amzDate, ReadOnlySpan<byte> body)
    {
        var date = amzDate[..8];
        var scope = string.Concat(date, "/", _region, "/kinesis/aws4_request");
        string signature;
        if (_dummy)
        {
            signature = DummySignature;
        }
        else
        {
            var canonicalRequest = string.Concat(
                "POST\n/\n\n",
                "content-type:", ContentType, "\n",
                "host:", host, "\n",
                "x-amz-date:", amzDate, "\n",
                "x-amz-target:", target, "\n\n",
                SignedHeaders, "\n",
                Hex(SHA256.HashData(body)));
            var stringToSign = string.Concat(
                "AWS4-HMAC-SHA256\n", amzDate, "\n", scope, "\n",
                Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
            signature = Hex(HMACSHA256.HashData(GetSigningKey(date), Encoding.UTF8.GetBytes(stringToSign)));
        }

        return string.Concat(
            "AWS4-HMAC-SHA256 Credential=", AccessKeyId, "/", scope,
            ", SignedHeaders=", SignedHeaders,
            ", Signature=", signature);
    }

    public static string FormatAmzDate(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Checks the signer against the reference vector of the wire specification.</summary>
    public static bool MatchesReferenceVector()
    {
        var signer = new SigV4Signer("us-east-1", dummy: false);
        var header = signer.Sign(
            "kinesis.us-east-1.amazonaws.com",
            "Kinesis_20131202.CreateStream",
            "20240115T120000Z",
            """{"StreamName":"my-stream","ShardCount":1}"""u8);
        return header.EndsWith("Signature=d632a3110df1ccada43033c443d5d7115ae945d4934f5a159835af6c02aa680f", StringComparison.Ordinal);
    }

    private byte[] GetSigningKey(string date)
    {
        var cached = _key;
        if (cached is not null && cached.Date == date)
        {
            return cached.Key;
        }

        var kDate = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + SecretAccessKey), Encoding.UTF8.GetBytes(date));
        var kRegion = HMACSHA256.HashData(kDate, Encoding.UTF8.GetBytes(_region));
        var kService = HMACSHA256.HashData(kRegion, "kinesis"u8);
        var kSigning = HMACSHA256.HashData(kService, "aws4_request"u8);
        _key = new SigningKey(date, kSigning);
        return kSigning;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private sealed record SigningKey(string Date, byte[] Key);
}
