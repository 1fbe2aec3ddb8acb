using Orleans.Kinesis.Client.Credentials;
using Orleans.Kinesis.Protocol.Signing;

namespace Orleans.Kinesis.Client.Http;

/// <summary>
/// Signs every attempt of a request with Signature Version 4 (the shared <see cref="SignatureV4"/>): host,
/// x-amz-date, x-amz-target, content-type and every other x-amz-* header, over the real SHA-256 of the body.
/// Sits inside the retry handler, so each retry is signed again with a fresh date.
/// </summary>
internal sealed class SigV4SigningHandler(Func<AwsCredentials> credentials, string region, TimeProvider time) : DelegatingHandler
{
    private const string FirehoseTargetPrefix = "Firehose_";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var keys = credentials();
        var amzDate = RequestSigning.AmzDate(time.GetUtcNow());
        request.Headers.Remove("X-Amz-Date");
        request.Headers.Remove("X-Amz-Security-Token");
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (keys.SessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", keys.SessionToken);
        }

        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var headers = new List<(string Name, string Value)> { ("host", uri.Authority) };
        string? target = null;
        foreach (var header in request.Headers)
        {
            if (header.Key.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            {
                var value = string.Join(',', header.Value);
                headers.Add((header.Key, value));
                if (header.Key.Equals("X-Amz-Target", StringComparison.OrdinalIgnoreCase))
                {
                    target = value;
                }
            }
        }

        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers.Add(("content-type", contentType.ToString()));
        }

        var service = target is not null && target.StartsWith(FirehoseTargetPrefix, StringComparison.Ordinal) ? "firehose" : "kinesis";
        var authorization = RequestSigning.Authorization(
            keys.AccessKeyId, keys.SecretAccessKey, region, service, amzDate, request.Method.Method, uri.AbsolutePath, headers, SignatureV4.HexSha256(body));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
