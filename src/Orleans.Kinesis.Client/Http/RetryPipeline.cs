using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Orleans.Kinesis.Client.Errors;
using Polly;

namespace Orleans.Kinesis.Client.Http;

/// <summary>
/// The retry strategy (Microsoft.Extensions.Http.Resilience): jittered exponential back-off on transport errors,
/// 5xx, 429, and 400 answers whose <c>__type</c> is a throttling or limit error.
/// </summary>
internal static class RetryPipeline
{
    public static HttpRetryStrategyOptions Options(KinesisClientOptions options) => new()
    {
        MaxRetryAttempts = Math.Max(1, options.MaxRetries),
        Delay = options.RetryBaseDelay,
        MaxDelay = TimeSpan.FromSeconds(5),
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        ShouldHandle = static args => ShouldRetryAsync(args.Outcome),
    };

    public static ResiliencePipeline<HttpResponseMessage> Build(KinesisClientOptions options)
        => options.MaxRetries <= 0
            ? ResiliencePipeline<HttpResponseMessage>.Empty
            : new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(Options(options)).Build();

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is HttpRequestException)
        {
            return true;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return false;
        }

        await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return ErrorTypes.IsThrottling(ErrorType(response, body));
    }

    internal static string? ErrorType(HttpResponseMessage response, byte[] body)
    {
        if (response.Headers.TryGetValues("x-amzn-ErrorType", out var values))
        {
            return ErrorTypes.Normalize(values.First());
        }

        try
        {
            var error = JsonSerializer.Deserialize(body, Json.KinesisJsonContext.Default.AwsErrorBody);
            return error?.Type is null ? null : ErrorTypes.Normalize(error.Type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
