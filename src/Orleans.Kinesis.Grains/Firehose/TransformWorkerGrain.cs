using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Abstractions.Grains;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>
/// Invokes a Lambda-style transform: the HTTP hook the operator mapped to the Lambda ARN, else the in-process
/// transform registered under the ARN's function name. An attempt fails on an error, a timeout, an unparsable
/// reply or a reply that does not return every recordId exactly once; failed attempts are retried
/// NumberOfRetries times.
/// </summary>
[StatelessWorker]
[GrainType("transform-worker")]
public sealed class TransformWorkerGrain : Grain, ITransformWorkerGrain
{
    private readonly FirehoseOptions _options;
    private readonly TransformHttpClient _http;
    private readonly IEnumerable<FirehoseTransformRegistration> _transforms;

    public TransformWorkerGrain(IOptions<FirehoseOptions> options, TransformHttpClient http, IEnumerable<FirehoseTransformRegistration> transforms)
    {
        _options = options.Value;
        _http = http;
        _transforms = transforms;
    }

    public async Task<TransformOutcome> TransformAsync(string lambdaArn, TransformInvocation invocation, int numberOfRetries)
    {
        var attempts = 0;
        string code;
        string message;
        do
        {
            attempts++;
            try
            {
                var records = await InvokeAsync(lambdaArn, invocation);
                var problem = CheckRecordIds(invocation, records);
                if (problem is null)
                {
                    return new TransformOutcome(records, attempts, null, null);
                }

                (code, message) = problem.Value;
            }
            catch (TransformFailedException failure)
            {
                (code, message) = (failure.Code, failure.Message);
            }
        }
        while (attempts <= numberOfRetries);

        return new TransformOutcome(null, attempts, code, message);
    }

    private async Task<IReadOnlyList<TransformOutputRecord>> InvokeAsync(string lambdaArn, TransformInvocation invocation)
    {
        using var timeout = new CancellationTokenSource(_options.TransformTimeout);
        try
        {
            if (_options.TransformEndpoints.TryGetValue(lambdaArn, out var url))
            {
                using var content = new ByteArrayContent(LambdaEventJson.WriteEvent(invocation));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _http.Client.PostAsync(url, content, timeout.Token);
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                if (!response.IsSuccessStatusCode)
                {
                    throw new TransformFailedException("Lambda.FunctionError",
                        $"The transform hook answered HTTP {(int)response.StatusCode}: {Shorten(body)}");
                }

                return LambdaEventJson.ReadReply(body);
            }

            var name = FunctionName(lambdaArn);
            foreach (var registration in _transforms)
            {
                if (string.Equals(registration.FunctionName, name, StringComparison.Ordinal))
                {
                    return await registration.Transform.TransformAsync(invocation, timeout.Token);
                }
            }

            throw new TransformFailedException("Lambda.ResourceNotFound", $"Function not found: {lambdaArn} (no HTTP hook or in-process transform is configured for it).");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TransformFailedException("Lambda.FunctionError",
                string.Create(CultureInfo.InvariantCulture, $"Task timed out after {_options.TransformTimeout.TotalSeconds:0.##} seconds"));
        }
        catch (HttpRequestException e)
        {
            throw new TransformFailedException("Lambda.FunctionError", "The transform hook could not be reached: " + e.Message);
        }
        catch (Exception e) when (e is not TransformFailedException)
        {
            throw new TransformFailedException("Lambda.FunctionError", "The transform failed: " + e.Message);
        }
    }

    private static (string Code, string Message)? CheckRecordIds(TransformInvocation invocation, IReadOnlyList<TransformOutputRecord> records)
    {
        var expected = new HashSet<string>(invocation.Records.Count, StringComparer.Ordinal);
        foreach (var record in invocation.Records)
        {
            expected.Add(record.RecordId);
        }

        var seen = new HashSet<string>(records.Count, StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (!seen.Add(record.RecordId))
            {
                return ("Lambda.DuplicatedRecordId", $"Record ID {record.RecordId} was returned more than once. Each record ID must be returned exactly once.");
            }
        }

        foreach (var id in expected)
        {
            if (!seen.Contains(id))
            {
                return ("Lambda.MissingRecordId", $"Record ID {id} was not returned. Every record ID sent must be returned exactly once.");
            }
        }

        return seen.Count == expected.Count ? null
            : ("Lambda.MissingRecordId", "The reply returned record IDs that were not sent. Every record ID sent must be returned exactly once.");
    }

    /// <summary><c>arn:aws:lambda:region:account:function:name[:qualifier]</c> → name; anything else is its own name.</summary>
    private static string FunctionName(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length >= 7 && parts[5] == "function" ? parts[6] : arn;
    }

    private static string Shorten(byte[] body)
        => System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 256)));
}
