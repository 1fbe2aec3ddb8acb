namespace Orleans.Kinesis.Client.Credentials;

/// <summary>Reads one profile of the INI-style shared credentials file.</summary>
public static class SharedCredentialsFile
{
    public static AwsCredentials? Read(string text, string profile)
    {
        string? section = null, id = null, secret = null, token = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1].Trim();
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (section != profile || equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..].Trim();
            switch (line[..equals].Trim().ToLowerInvariant())
            {
                case "aws_access_key_id":
                    id = value;
                    break;
                case "aws_secret_access_key":
                    secret = value;
                    break;
                case "aws_session_token":
                    token = value;
                    break;
            }
        }

        return id is null || secret is null ? null : new AwsCredentials(id, secret, token);
    }
}
