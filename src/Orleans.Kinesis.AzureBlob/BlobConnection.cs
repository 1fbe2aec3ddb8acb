namespace Orleans.Kinesis.AzureBlob;

/// <summary>
/// Where a storage account's Blob service is and, for Shared Key auth, its name and key. Parsed from an Azure
/// Storage connection string: <c>UseDevelopmentStorage=true</c>, or <c>AccountName</c>/<c>AccountKey</c> with
/// <c>BlobEndpoint</c> or <c>DefaultEndpointsProtocol</c>/<c>EndpointSuffix</c>.
/// </summary>
public sealed class BlobConnection
{
    /// <summary>The storage emulator's account: a well-known name and key published for local development.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private BlobConnection(Uri serviceUri, string? accountName, byte[]? accountKey)
    {
        ServiceUri = serviceUri;
        AccountName = accountName;
        AccountKey = accountKey;
    }

    /// <summary>The Blob service endpoint, ending with '/' (e.g. <c>https://acct.blob.core.windows.net/</c> or <c>http://127.0.0.1:10000/devstoreaccount1/</c>).</summary>
    public Uri ServiceUri { get; }

    public string? AccountName { get; }

    internal byte[]? AccountKey { get; }

    /// <summary>True when requests are signed with the account key; otherwise a token credential is needed.</summary>
    public bool HasSharedKey => AccountKey is not null;

    /// <summary>A service endpoint used with a token credential (managed identity, DefaultAzureCredential).</summary>
    public static BlobConnection FromEndpoint(Uri serviceUri) => new(WithSlash(serviceUri), AccountNameOf(serviceUri), null);

    /// <summary>Parses a connection string; throws <see cref="FormatException"/> naming what is missing or wrong.</summary>
    public static BlobConnection Parse(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"The connection string part '{part}' is not of the form Name=Value.");
            }

            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            var proxy = settings.TryGetValue("DevelopmentStorageProxyUri", out var proxyUri) ? new Uri(proxyUri) : new Uri("http://127.0.0.1");
            var endpoint = new UriBuilder(proxy.Scheme, proxy.Host, 10000, DevelopmentAccountName).Uri;
            return new BlobConnection(WithSlash(endpoint), DevelopmentAccountName, Convert.FromBase64String(DevelopmentAccountKey));
        }

        settings.TryGetValue("AccountName", out var accountName);
        byte[]? key = null;
        if (settings.TryGetValue("AccountKey", out var accountKey))
        {
            try
            {
                key = Convert.FromBase64String(accountKey);
            }
            catch (FormatException)
            {
                throw new FormatException("The connection string's AccountKey is not base64.");
            }
        }

        Uri serviceUri;
        if (settings.TryGetValue("BlobEndpoint", out var blobEndpoint))
        {
            if (!Uri.TryCreate(blobEndpoint, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                throw new FormatException($"The connection string's BlobEndpoint '{blobEndpoint}' is not an http(s) URL.");
            }

            serviceUri = parsed;
        }
        else if (accountName is { Length: > 0 })
        {
            var protocol = settings.TryGetValue("DefaultEndpointsProtocol", out var p) ? p : "https";
            var suffix = settings.TryGetValue("EndpointSuffix", out var s) ? s : "core.windows.net";
            serviceUri = new Uri($"{protocol}://{accountName}.blob.{suffix}/");
        }
        else
        {
            throw new FormatException("The connection string names neither BlobEndpoint nor AccountName.");
        }

        accountName ??= AccountNameOf(serviceUri);
        if (key is not null && string.IsNullOrEmpty(accountName))
        {
            throw new FormatException("The connection string has an AccountKey but no AccountName.");
        }

        return new BlobConnection(WithSlash(serviceUri), accountName, key);
    }

    private static Uri WithSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri;

    /// <summary>The account of <c>https://account.blob…</c>, or of a path-style emulator URL (<c>http://host:port/account</c>).</summary>
    private static string? AccountNameOf(Uri uri)
    {
        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            return path.Split('/')[0];
        }

        var dot = uri.Host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && !char.IsAsciiDigit(uri.Host[0]) ? uri.Host[..dot] : null;
    }
}
