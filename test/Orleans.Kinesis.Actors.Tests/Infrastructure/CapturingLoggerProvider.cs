using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orleans.Kinesis.Actors.Tests.Infrastructure;

/// <summary>Records log entries and lets a test await a given event id.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource<string>> _firstByEventId = new();

    public ConcurrentQueue<(LogLevel Level, EventId EventId, string Message)> Entries { get; } = new();

    public Task<string> WhenLogged(int eventId) => GetSignal(eventId).Task;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void Dispose()
    {
    }

    private TaskCompletionSource<string> GetSignal(int eventId) =>
        _firstByEventId.GetOrAdd(eventId, static _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed class CapturingLogger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            owner.Entries.Enqueue((logLevel, eventId, message));
            owner.GetSignal(eventId.Id).TrySetResult(message);
        }
    }
}
