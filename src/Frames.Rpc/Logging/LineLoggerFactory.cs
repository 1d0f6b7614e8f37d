using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FramesNet.Rpc.Logging;

/// <summary>
/// The daemons' logger: one line per event, <c>time level component event key=value…</c>, e.g.
/// <c>2025-01-31T10:00:00.123Z info scheduler worker_registered worker=w-1 host=node-7 slots=4</c> (UTC time,
/// lower-case level, the category's last dotted part in lower case, the event's name in snake case, then its
/// values, quoted when they hold spaces, quotes or '='). Our own categories log from <paramref name="minimum"/>
/// up; the framework's (<c>Microsoft.*</c>) and the gRPC layer's (<c>FramesNet.Rpc.*</c>) from warnings up.
/// Built without a service container or filter rules: a daemon's start-up time counts.
/// </summary>
public sealed class LineLoggerFactory(TextWriter output, LogLevel minimum = LogLevel.Information) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, LineLogger> _loggers = new(StringComparer.Ordinal);
    private readonly Lock _write = new();

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, name => new LineLogger(this, Component(name), IsQuiet(name) && minimum < LogLevel.Warning ? LogLevel.Warning : minimum));

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("LineLoggerFactory writes to its one output");

    public void Dispose() => output.Flush();

    internal void Write(string line)
    {
        lock (_write)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private static bool IsQuiet(string category) =>
        category.StartsWith("Microsoft.", StringComparison.Ordinal) || category.StartsWith("FramesNet.Rpc", StringComparison.Ordinal);

    /// <summary>Our own categories are short already (<c>connection</c>); a library's becomes its type's name (<c>rpcserver</c>).</summary>
    private static string Component(string category)
    {
        var dot = category.LastIndexOf('.');
        return (dot < 0 ? category : category[(dot + 1)..]).ToLowerInvariant();
    }
}
