using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Orleans.Kinesis.Gateway.Hosting;

/// <summary>A connection handed from the cleartext endpoint to the HTTP/2 one: same transport, its own features.</summary>
internal sealed class ForwardedConnection : ConnectionContext
{
    private readonly ConnectionContext _inner;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ForwardedConnection(ConnectionContext inner)
    {
        _inner = inner;
        Features = new FeatureCollection(inner.Features);
        ConnectionId = inner.ConnectionId + ":h2";
    }

    public Task Completion => _completion.Task;

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features { get; }

    public override IDictionary<object, object?> Items
    {
        get => _inner.Items;
        set => _inner.Items = value;
    }

    public override IDuplexPipe Transport
    {
        get => _inner.Transport;
        set => _inner.Transport = value;
    }

    public override EndPoint? LocalEndPoint
    {
        get => _inner.LocalEndPoint;
        set => _inner.LocalEndPoint = value;
    }

    public override EndPoint? RemoteEndPoint
    {
        get => _inner.RemoteEndPoint;
        set => _inner.RemoteEndPoint = value;
    }

    public override CancellationToken ConnectionClosed
    {
        get => _inner.ConnectionClosed;
        set => _inner.ConnectionClosed = value;
    }

    public override void Abort(ConnectionAbortedException abortReason) => _inner.Abort(abortReason);

    public override ValueTask DisposeAsync()
    {
        // The transport belongs to the accepting connection, which closes it once this completes.
        _completion.TrySetResult();
        return base.DisposeAsync();
    }
}
