using System.Net;

namespace Orleans.Kinesis.Gateway.Firehose;

/// <summary>
/// What a delivery can actually write: a bucket name that is not a path trick (S3 forbids these too), and prefixes that stay inside the
/// bucket (no absolute paths, no <c>.</c>/<c>..</c> segments, no backslashes or control characters). Checked at
/// CreateDeliveryStream/UpdateDestination, so a destination that could never be written is refused up front.
/// </summary>
public static class ObjectKeyRules
{
    private const int MaxEchoed = 128;

    /// <summary>A problem with the bucket of <paramref name="bucketArn"/> (<c>arn:…:s3:::name</c>), or null.</summary>
    public static string? BucketProblem(string? bucketArn)
    {
        var colons = bucketArn?.LastIndexOf(":::", StringComparison.Ordinal) ?? -1;
        if (bucketArn is null || colons < 0)
        {
            return null; // the ARN pattern check reports it
        }

        var name = bucketArn[(colons + 3)..];
        var valid = name.Length > 0 && name[0] != '.' && name[^1] != '.' && !name.Contains("..", StringComparison.Ordinal) && !IPAddress.TryParse(name, out _);
        return valid ? null
            : $"Bucket name '{Echo(name)}' in BucketARN is not a valid S3 bucket name: it must not start or end with '.', contain '..' or be an IP address.";
    }

    /// <summary>A problem with a Prefix or ErrorOutputPrefix named <paramref name="member"/>, or null.</summary>
    public static string? PrefixProblem(string? prefix, string member)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return null;
        }

        var problem = prefix[0] == '/' ? "it must not start with '/'"
            : prefix.Contains('\\', StringComparison.Ordinal) ? "it must not contain '\\'"
            : prefix.Any(char.IsControl) ? "it must not contain control characters"
            : prefix.Split('/').Any(static segment => segment is "." or "..") ? "it must not contain '.' or '..' path segments"
            : null;
        return problem is null ? null : $"{member} '{Echo(prefix)}' cannot be written: {problem}.";
    }

    private static string Echo(string value) => value.Length <= MaxEchoed ? value : value[..MaxEchoed];
}
