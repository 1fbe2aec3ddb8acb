using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Actors.Diagnostics;

namespace Orleans.Kinesis.Actors.Streams;

/// <summary>One subscription: a bounded buffer and a loop delivering items to the callback one at a time.</summary>
internal sealed partial class SubscriptionPump<T> : ISubscriptionPump
{
    private static readonly AsyncLocal<object?> CurrentPump = new();

    private readonly InProcessStream<T> _stream;
    private readonly Func<T, CancellationToken, ValueTask> _onNext;
    private readonly StreamOverflowMode _overflow;
    private readonly ILogger _logger;
    private readonly Channel<T> _buffer;
    private readonly CancellationTokenSource _disposal = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;
    private volatile bool _overflowed;
    private volatile bool _closed;

    public SubscriptionPump(InProcessStream<T> stream, Func<T, CancellationToken, ValueTask> onNext, StreamSubscriptionOptions options, ILogger logger)
    {
        _stream = stream;
        _onNext = onNext;
        _overflow = options.Overflow;
        _logger = logger;
        _buffer = Channel.CreateBounded<T>(new BoundedChannelOptions(options.Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public Task Completion => _completion.Task;

    public bool Overflowed => _overflowed;

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Buffers the item without waiting; false only when a Wait-mode buffer is full.</summary>
    public bool TryEnqueue(T item)
    {
        if (_closed || _buffer.Writer.TryWrite(item))
        {
            return true;
        }

        if (_overflow == StreamOverflowMode.Disconnect)
        {
            _overflowed = true;
            Close();
            return true;
        }

        return false;
    }

    public async ValueTask EnqueueAsync(T item, CancellationToken cancellationToken)
    {
        try
        {
            await _buffer.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Unsubscribed while the publisher waited: the item is no longer wanted.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        await _disposal.CancelAsync().ConfigureAwait(false);
        if (!ReferenceEquals(CurrentPump.Value, this))
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _completion.TrySetResult();
    }

    private void Close()
    {
        _closed = true;
        _buffer.Writer.TryComplete();
        _stream.Remove(this);
    }

    private async Task RunAsync()
    {
        var reader = _buffer.Reader;
        var token = _disposal.Token;
        CurrentPump.Value = this;
        try
        {
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (!token.IsCancellationRequested && reader.TryRead(out var item))
                {
                    await _onNext(item, token).ConfigureAwait(false);
                }
            }

            if (_overflowed)
            {
                _completion.TrySetException(new StreamOverflowException());
            }
            else
            {
                _completion.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            _completion.TrySetResult();
        }
        catch (Exception ex)
        {
            Log.SubscriptionFailed(_logger, _stream.StreamId, ex);
            Close();
            _completion.TrySetException(ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = ActorEventIds.StreamSubscriptionFailed, Level = LogLevel.Warning, Message = "A subscription callback of stream {StreamId} failed; the subscription ended.")]
        public static partial void SubscriptionFailed(ILogger logger, string streamId, Exception exception);
    }
}
