namespace Orleans.Kinesis.Client.Credentials;

/// <summary>
/// Finds credentials the way the AWS SDKs do, in order: explicit keys, the <c>AWS_ACCESS_KEY_ID</c> /
/// <c>AWS_SECRET_ACCESS_KEY</c> / <c>AWS_SESSION_TOKEN</c> variables, then a profile of the shared credentials file
/// (<c>AWS_SHARED_CREDENTIALS_FILE</c> or <c>~/.aws/credentials</c>; profile <c>AWS_PROFILE</c> or <c>default</c>).
/// </summary>
public static class AwsCredentialsResolver
{
    public static AwsCredentials? Resolve(AwsCredentials? explicitCredentials = null, string? profile = null, Func<string, string?>? environment = null)
    {
        if (explicitCredentials is not null)
        {
            return explicitCredentials;
        }

        environment ??= Environment.GetEnvironmentVariable;
        var id = environment("AWS_ACCESS_KEY_ID");
        var secret = environment("AWS_SECRET_ACCESS_KEY");
        if (!string.IsNullOrEmpty(id) && !string.IsNullOrEmpty(secret))
        {
            return new AwsCredentials(id, secret, NullIfEmpty(environment("AWS_SESSION_TOKEN")));
        }

        var file = environment("AWS_SHARED_CREDENTIALS_FILE");
        if (string.IsNullOrEmpty(file))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            file = Path.Combine(home, ".aws", "credentials");
        }

        profile ??= NullIfEmpty(environment("AWS_PROFILE")) ?? "default";
        return File.Exists(file) ? SharedCredentialsFile.Read(File.ReadAllText(file), profile) : null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
