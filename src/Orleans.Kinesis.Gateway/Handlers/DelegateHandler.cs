using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>Registers one method of a handler family (such as <see cref="TagsHandlers"/>) as an operation's handler.</summary>
public sealed class DelegateHandler : IOperationHandler
{
    private readonly Func<KinesisRequest, Task> _handle;

    public DelegateHandler(KinesisOperation operation, Func<KinesisRequest, Task> handle)
    {
        Operation = operation;
        _handle = handle;
    }

    public KinesisOperation Operation { get; }

    public Task HandleAsync(KinesisRequest request) => _handle(request);
}
