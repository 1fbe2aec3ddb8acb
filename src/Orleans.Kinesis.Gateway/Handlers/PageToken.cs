using System.Globalization;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Gateway.Iterators;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>
/// Opaque, authenticated NextToken values: <c>fields|issuedMs</c> under the server's HMAC key, valid 300 seconds
/// like the service's ListShards and ListStreamConsumers tokens.
/// </summary>
public static class PageToken
{
    public const long LifetimeMs = 300_000;

    public static string Encode(TokenCodec codec, long nowMs, params string[] fields)
        => codec.EncodeText(string.Join('|', fields) + "|" + nowMs.ToString(CultureInfo.InvariantCulture));

    /// <summary>The fields of a token; IA when it is not one of ours, ExpiredNextTokenException when too old.</summary>
    public static string[] Decode(TokenCodec codec, string token, long nowMs, int fieldCount)
    {
        if (!codec.TryDecodeText(token, out var text))
        {
            throw KinesisErrors.InvalidArgumentError("Invalid NextToken.");
        }

        var parts = text.Split('|');
        if (parts.Length != fieldCount + 1 || !long.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
        {
            throw KinesisErrors.InvalidArgumentError("Invalid NextToken.");
        }

        if (nowMs - issued > LifetimeMs)
        {
            throw new KinesisException(KinesisErrors.ExpiredNextToken, "The NextToken has expired. A NextToken is valid for 300 seconds.");
        }

        return parts[..fieldCount];
    }
}
