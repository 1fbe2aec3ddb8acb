using Orleans.Kinesis.Abstractions.Firehose;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// Runs Lambda-style transforms (HTTP hooks or in-process transforms) for delivery streams; a stateless worker.
/// Retries failed invocations and checks that every recordId comes back exactly once.
/// </summary>
[Alias("kinesis.ITransformWorkerGrain")]
public interface ITransformWorkerGrain : IGrainWithStringKey
{
    Task<TransformOutcome> TransformAsync(string lambdaArn, TransformInvocation invocation, int numberOfRetries);
}
