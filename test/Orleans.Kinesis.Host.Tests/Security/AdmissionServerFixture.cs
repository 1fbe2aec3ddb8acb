using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Gateway.Admission;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>
/// A server whose connections may each have <see cref="Permits"/> requests in progress and <see cref="Queue"/> waiting,
/// so that a test can fill a connection's limiter with a handful of requests; its <see cref="Admissions"/> counts are
/// what the tests synchronise on and assert.
/// </summary>
public sealed class AdmissionServerFixture : IAsyncLifetime
{
    public const int Permits = 2;
    public const int Queue = 1;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private WebApplication? _app;

    public Uri Endpoint { get; private set; } = null!;

    public ConnectionAdmissions Admissions { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new KinesisHostOptions
        {
            Port = 0,
            InMemory = true,
            ControlPlaneLimits = false,
            ThroughputLimits = false,
            MaxRequestsPerConnection = Permits,
            MaxQueuedRequestsPerConnection = Queue,
        };
        _app = KinesisServer.Build(options);
        await _app.StartAsync();
        Endpoint = KinesisServer.Endpoint(_app);
        Admissions = _app.Services.GetRequiredService<ConnectionAdmissions>();
    }

    /// <summary>Waits, bounded, until the admission counts satisfy <paramref name="condition"/>; fails naming <paramref name="awaiting"/>.</summary>
    public async Task UntilAsync(Func<ConnectionAdmissions, bool> condition, string awaiting)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (true)
        {
            var changed = Admissions.WhenChangedAsync();
            if (condition(Admissions))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{awaiting}: not reached within {Bound.TotalSeconds:0} s (connections {Admissions.Connections}, " +
                    $"active {Admissions.ActiveRequests}, queued {Admissions.QueuedRequests}, refused {Admissions.RefusedRequests})");
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
