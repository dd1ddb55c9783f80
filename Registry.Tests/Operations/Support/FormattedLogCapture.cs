using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Registry.Tests.Operations;

/// <summary>
/// A logger provider that formats every entry with the console formatter the registry configured (json or simple),
/// with the same scopes, and keeps the text: what the console would print, without racing for stdout.
/// </summary>
public sealed class FormattedLogCapture(IEnumerable<ConsoleFormatter> formatters, IOptionsMonitor<ConsoleLoggerOptions> options)
    : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private ConsoleFormatter Formatter
        => formatters.Single(f => f.Name == (options.CurrentValue.FormatterName ?? ConsoleFormatterNames.Simple));

    private sealed class CapturingLogger(FormattedLogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var writer = new StringWriter();
            var entry = new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter);
            owner.Formatter.Write(in entry, owner._scopes, writer);
            owner._entries.Enqueue(writer.ToString());
        }
    }
}
