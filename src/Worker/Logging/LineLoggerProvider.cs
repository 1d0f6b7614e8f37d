using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FramesNet.Worker.Logging;

/// <summary>
/// Logs one line per event: <c>time level component event key=value…</c> (UTC time, lower-case level,
/// the logger's category as the component, the event's name in snake case, then its values).
/// </summary>
internal sealed class LineLoggerProvider(TextWriter output, LogLevel minimum) : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, LineLogger> _loggers = new(StringComparer.Ordinal);
    private readonly Lock _write = new();

    /// <summary>
    /// A logger factory writing lines to <paramref name="output"/> at <paramref name="minimum"/> and above; the hosting
    /// layer's chatter (Microsoft.*) only from warnings on. Built directly, without a service container: start-up time counts.
    /// </summary>
    public static ILoggerFactory CreateFactory(TextWriter output, LogLevel minimum)
    {
        var filters = new LoggerFilterOptions { MinLevel = minimum };
        filters.Rules.Add(new LoggerFilterRule(null, "Microsoft", minimum > LogLevel.Warning ? minimum : LogLevel.Warning, null));
        return new LoggerFactory([new LineLoggerProvider(output, minimum)], filters);
    }

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, name => new LineLogger(this, Component(name)));

    public void Dispose()
    {
    }

    internal LogLevel Minimum => minimum;

    internal void Write(string line)
    {
        lock (_write)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    /// <summary>Our own categories are short already (<c>connection</c>); library ones become their type's name (<c>RpcServer</c>).</summary>
    private static string Component(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot < 0 ? category : category[(dot + 1)..];
    }
}
