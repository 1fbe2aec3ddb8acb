using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Dispatch;

/// <summary>Serves one operation. Errors are thrown as KinesisException and written by the dispatcher.</summary>
public interface IOperationHandler
{
    KinesisOperation Operation { get; }

    Task HandleAsync(KinesisRequest request);
}
