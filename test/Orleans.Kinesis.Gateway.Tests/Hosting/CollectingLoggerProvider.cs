using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orleans.Kinesis.Gateway.Tests.Hosting;

/// <summary>Keeps every log entry at <see cref="LogLevel.Warning"/> or above so tests can assert the server stayed healthy.</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CollectingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._entries.Enqueue($"{logLevel} {category} [{eventId.Name}] {formatter(state, exception)} {exception}");
            }
        }
    }
}
