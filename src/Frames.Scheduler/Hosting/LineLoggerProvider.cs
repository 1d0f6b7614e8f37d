using System.Globalization;
using Microsoft.Extensions.Logging;

namespace FramesNet.Scheduler.Hosting;

/// <summary>
/// A small console logger: one line per entry, <c>time level component event key=value…</c>, e.g.
/// <c>2025-01-31T10:00:00.123Z info scheduler worker-connected worker=w-1</c>. The component is the
/// category's last dotted part, lower case. An exception follows on the same line, its stack on the next.
/// </summary>
internal sealed class LineLoggerProvider(TextWriter output, LogLevel minimum = LogLevel.Information) : ILoggerProvider
{
    private readonly Lock _gate = new();

    internal LogLevel Minimum { get; } = minimum;

    public ILogger CreateLogger(string categoryName)
    {
        var dot = categoryName.LastIndexOf('.');
        return new LineLogger(this, (dot < 0 ? categoryName : categoryName[(dot + 1)..]).ToLowerInvariant());
    }

    public void Dispose() => output.Flush();

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        _ => "fatal",
    };

    private void Write(LogLevel level, string component, string message, Exception? exception)
    {
        var time = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var line = $"{time} {Level(level)} {component} {message}";
        if (exception is not null)
            line += $" error={LogValue.Quote($"{exception.GetType().Name}: {exception.Message}")}{Environment.NewLine}{exception.StackTrace}";
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private sealed class LineLogger(LineLoggerProvider provider, string component) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider.Minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                provider.Write(logLevel, component, formatter(state, null), exception);
        }
    }
}
