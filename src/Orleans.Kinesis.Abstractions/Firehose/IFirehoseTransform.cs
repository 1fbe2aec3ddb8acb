namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>
/// An in-process transform with the Lambda contract, registered by name. A delivery stream uses it when its
/// Lambda processor's ARN names a function of that name (<c>arn:aws:lambda:…:function:&lt;name&gt;</c>) and no HTTP
/// hook is mapped to the ARN. Every input recordId must come back exactly once; throwing counts as an invocation
/// failure and is retried.
/// </summary>
public interface IFirehoseTransform
{
    Task<IReadOnlyList<TransformOutputRecord>> TransformAsync(TransformInvocation invocation, CancellationToken cancellationToken);
}
