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
