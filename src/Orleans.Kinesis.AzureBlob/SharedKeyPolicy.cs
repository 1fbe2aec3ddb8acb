using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Orleans.Kinesis.AzureBlob;

/// <summary>
/// Signs each attempt of a request with the account key (Shared Key authorization, Blob service): a fresh
/// <c>x-ms-date</c>, then an HMAC-SHA256 of the canonical request. It runs last before the transport, so a
/// retried request is signed again with the current time and every header the pipeline added.
/// </summary>
internal sealed class SharedKeyPolicy(string accountName, byte[] accountKey, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
        var signature = Sign(BuildStringToSign(request));
        request.Headers.SetValue("Authorization", "SharedKey " + accountName + ":" + signature);
    }

    private string Sign(string stringToSign)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(stringToSign), hash);
        return Convert.ToBase64String(hash);
    }

    private string BuildStringToSign(Request request)
    {
        var builder = new StringBuilder(256);
        builder.Append(request.Method.Method).Append('\n');
        AppendHeader(builder, request, "Content-Encoding");
        AppendHeader(builder, request, "Content-Language");
        var length = request.Headers.TryGetValue("Content-Length", out var declared) ? declared
            : request.Content is not null && request.Content.TryComputeLength(out var computed) ? computed.ToString(CultureInfo.InvariantCulture)
            : null;
        builder.Append(length == "0" ? string.Empty : length).Append('\n');
        AppendHeader(builder, request, "Content-MD5");
        AppendHeader(builder, request, "Content-Type");
        builder.Append('\n'); // Date: x-ms-date is used instead
        AppendHeader(builder, request, "If-Modified-Since");
        AppendHeader(builder, request, "If-Match");
        AppendHeader(builder, request, "If-None-Match");
        AppendHeader(builder, request, "If-Unmodified-Since");
        AppendHeader(builder, request, "Range");

        var msHeaders = new List<(string Name, string Value)>();
        foreach (var header in request.Headers)
        {
            if (header.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            {
                msHeaders.Add((header.Name.ToLowerInvariant(), header.Value.Trim()));
            }
        }

        msHeaders.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, value) in msHeaders)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        var uri = request.Uri.ToUri();
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath);
        var query = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!query.TryGetValue(name, out var values))
            {
                query[name] = values = [];
            }

            values.Add(value);
        }

        foreach (var (name, values) in query)
        {
            values.Sort(StringComparer.Ordinal);
            builder.Append('\n').Append(name).Append(':').Append(string.Join(',', values));
        }

        return builder.ToString();
    }

    private static void AppendHeader(StringBuilder builder, Request request, string name)
    {
        if (request.Headers.TryGetValue(name, out var value))
        {
            builder.Append(value);
        }

        builder.Append('\n');
    }
}
