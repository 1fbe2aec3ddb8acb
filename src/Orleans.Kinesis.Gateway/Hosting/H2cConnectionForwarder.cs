using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;

namespace Orleans.Kinesis.Gateway.Hosting;

/// <summary>
/// An in-process Kestrel transport: the HTTP/2-only endpoint bound to <see cref="EndPoint"/> "accepts" the
/// connections that <see cref="ForwardAsync"/> hands over, so the same socket is served by Kestrel's HTTP/2 stack.
/// </summary>
public sealed class H2cConnectionForwarder : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    private readonly Channel<ConnectionContext> _pending = Channel.CreateUnbounded<ConnectionContext>(
        new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The endpoint to bind the HTTP/2-only listener to.</summary>
    public EndPoint EndPoint { get; } = new ForwardedEndPoint();

    public bool CanBind(EndPoint endpoint) => ReferenceEquals(endpoint, EndPoint);

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
        => new(new Listener(this, endpoint));

    /// <summary>Serves <paramref name="connection"/> on the HTTP/2 endpoint; completes when that is done with it.</summary>
    public async Task ForwardAsync(ConnectionContext connection)
    {
        var forwarded = new ForwardedConnection(connection);
        if (!_pending.Writer.TryWrite(forwarded))
        {
            connection.Abort(new ConnectionAbortedException("The server is shutting down."));
            return;
        }

        await forwarded.Completion;
    }

    private sealed class ForwardedEndPoint : EndPoint
    {
        public override string ToString() => "h2c-forwarded";
    }

    private sealed class Listener : IConnectionListener
    {
        private readonly H2cConnectionForwarder _owner;
        private readonly CancellationTokenSource _unbound = new();

        public Listener(H2cConnectionForwarder owner, EndPoint endpoint)
        {
            _owner = owner;
            EndPoint = endpoint;
        }

        public EndPoint EndPoint { get; }

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _unbound.Token);
            try
            {
                return await _owner._pending.Reader.ReadAsync(linked.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            catch (ChannelClosedException)
            {
                return null;
            }
        }

        public async ValueTask UnbindAsync(CancellationToken cancellationToken = default)
            => await _unbound.CancelAsync();

        public async ValueTask DisposeAsync()
        {
            _owner._pending.Writer.TryComplete();
            await _unbound.CancelAsync();
            _unbound.Dispose();
        }
    }
}
