using Orleans.Kinesis.Abstractions.Errors;

namespace Orleans.Kinesis.Gateway.Encryption;

/// <summary>
/// The KMS key names StartStreamEncryption accepts, reduced to one canonical ARN per key: a key id (UUID or
/// <c>mrk-</c> multi-Region id), a key ARN, an alias name (<c>alias/…</c>) or an alias ARN. <c>alias/aws/kinesis</c>
/// is the AWS-managed key for Kinesis. The server is its own key service: every well-formed key of this account and
/// region exists, and its material is derived from the operator's master key.
/// </summary>
public static class KmsKeys
{
    public const string AwsManagedAlias = "alias/aws/kinesis";

    /// <summary>The canonical ARN of the key <paramref name="keyId"/> names; KMS errors as the service reports them.</summary>
    public static string Canonicalize(string keyId, string region, string account)
    {
        if (keyId.StartsWith("arn:", StringComparison.Ordinal))
        {
            var parts = keyId.Split(':', 6);
            if (parts.Length != 6 || parts[1] is not ("aws" or "aws-cn" or "aws-us-gov") || parts[2] != "kms"
                || parts[4].Length != 12 || !parts[4].All(char.IsAsciiDigit) || !IsResource(parts[5]))
            {
                throw Invalid(keyId);
            }

            if (parts[3] != region)
            {
                throw new KinesisException(KinesisErrors.KmsNotFound,
                    $"Key '{keyId}' does not exist in region {region}.");
            }

            if (parts[4] != account)
            {
                throw new KinesisException(KinesisErrors.KmsAccessDenied,
                    $"The account {account} is not authorized to use key '{keyId}'.");
            }

            return keyId;
        }

        if (IsResource(keyId))
        {
            return $"arn:aws:kms:{region}:{account}:{keyId}";
        }

        if (IsKeyId(keyId))
        {
            return $"arn:aws:kms:{region}:{account}:key/{keyId}";
        }

        throw Invalid(keyId);
    }

    private static KinesisException Invalid(string keyId)
        => new(KinesisErrors.KmsNotFound, $"Invalid keyId '{keyId}'.");

    /// <summary><c>key/&lt;key id&gt;</c> or <c>alias/&lt;name&gt;</c> (letters, digits, <c>/ _ -</c>, at most 256 characters).</summary>
    private static bool IsResource(string resource)
    {
        if (resource.StartsWith("key/", StringComparison.Ordinal))
        {
            return IsKeyId(resource.AsSpan(4));
        }

        if (!resource.StartsWith("alias/", StringComparison.Ordinal) || resource.Length == 6 || resource.Length > 256)
        {
            return false;
        }

        foreach (var c in resource.AsSpan(6))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('/' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A UUID (8-4-4-4-12 hex digits) or a multi-Region key id (<c>mrk-</c> and 32 hex digits).</summary>
    private static bool IsKeyId(ReadOnlySpan<char> id)
    {
        if (id.StartsWith("mrk-"))
        {
            return id.Length == 36 && IsHex(id[4..]);
        }

        return id.Length == 36 && id[8] == '-' && id[13] == '-' && id[18] == '-' && id[23] == '-'
            && IsHex(id[..8]) && IsHex(id[9..13]) && IsHex(id[14..18]) && IsHex(id[19..23]) && IsHex(id[24..]);
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
