using Orleans.Kinesis.Actors.Runtime;

namespace Orleans.Kinesis.Actors.Invocation;

/// <summary>
/// One grain call: the caller awaits <see cref="TaskCompletionSource{TResult}.Task"/>; the activation runs
/// <see cref="Execute"/> as a turn and reports completion when the grain method's task completes.
/// </summary>
internal sealed class GrainRequest<TResult> : TaskCompletionSource<TResult>, IActivationRequest
{
    private readonly GrainMethodInvoker<TResult> _invoker;
    private readonly object?[]? _arguments;
    private ActivationData? _activation;
    private ValueTask<TResult> _pending;

    public GrainRequest(GrainMethodInvoker<TResult> invoker, object?[]? arguments)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _invoker = invoker;
        _arguments = arguments;
    }

    public bool Interleave => _invoker.Interleave;

    public bool IsGrainCall => true;

    public void Bind(ActivationData activation) => _activation = activation;

    public void Reject(Exception exception) => TrySetException(exception);

    public void Execute()
    {
        var activation = _activation!;
        ValueTask<TResult> pending;
        try
        {
            pending = _invoker.CallGrainAsync(activation.Instance, _arguments);
        }
        catch (Exception ex)
        {
            activation.OnRequestCompleted(this);
            TrySetException(ex);
            return;
        }

        if (pending.IsCompleted)
        {
            Complete(pending);
            return;
        }

        _pending = pending;

        // ConfigureAwait(true): the completion is posted back to this activation's queue.
        pending.ConfigureAwait(true).GetAwaiter().UnsafeOnCompleted(OnPendingCompleted);
    }

    private void OnPendingCompleted()
    {
        var pending = _pending;
        _pending = default;
        Complete(pending);
    }

    private void Complete(ValueTask<TResult> completed)
    {
        // The activation is released before the caller resumes, so a caller that immediately calls again
        // (e.g. a stateless worker) sees it idle.
        TResult? result = default;
        Exception? error = null;
        try
        {
#pragma warning disable VSTHRD002 // The value task has completed: this reads its result, it never blocks.
            result = completed.Result;
#pragma warning restore VSTHRD002
        }
        catch (Exception ex)
        {
            error = ex;
        }

        _activation!.OnRequestCompleted(this);
        if (error is null)
        {
            TrySetResult(result!);
        }
        else
        {
            TrySetException(error);
        }
    }
}
