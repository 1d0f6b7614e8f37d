using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace FramesNet.Rpc.Logging;

/// <summary>Formats one event as <c>time level component event key=value…</c>; see <see cref="LineLoggerFactory"/>.</summary>
internal sealed class LineLogger(LineLoggerFactory output, string component, LogLevel minimum) : ILogger
{
    private const string TemplateKey = "{OriginalFormat}";

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        var eventName = eventId.Name is { Length: > 0 } name ? SnakeCase(name) : null;
        var line = new StringBuilder(160)
            .Append(DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
            .Append(' ').Append(Level(logLevel))
            .Append(' ').Append(component)
            .Append(' ').Append(eventName ?? "message");
        var pairs = 0;
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                if (key == TemplateKey)
                    continue;
                AppendPair(line, SnakeCase(key), Format(value));
                pairs++;
            }
        }
        // Events from other libraries carry their text in the message, not in values; an event of ours without
        // values says more than its name only sometimes ("stopped" does not).
        var message = eventName is null || pairs == 0 ? formatter(state, exception) : null;
        if (message is not null && (eventName is null || !message.Equals(eventName.Replace('_', ' '), StringComparison.OrdinalIgnoreCase)))
            AppendPair(line, "msg", message);
        if (exception is not null)
        {
            AppendPair(line, "error", $"{exception.GetType().Name}: {exception.Message}");
            // A failure that ends the process gets its stack, on the lines that follow.
            if (logLevel == LogLevel.Critical && exception.StackTrace is { } stack)
                line.AppendLine().Append(stack);
        }
        output.Write(line.ToString());
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        _ => "fatal",
    };

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(Format)),
        _ => value.ToString() ?? "",
    };

    /// <summary>Values that are empty or hold spaces, quotes or equals signs are quoted, so lines split cleanly on spaces.</summary>
    private static void AppendPair(StringBuilder line, string key, string value)
    {
        line.Append(' ').Append(key).Append('=');
        if (value.Length > 0 && value.AsSpan().IndexOfAny(" \"=\t\r\n") < 0)
        {
            line.Append(value);
            return;
        }
        line.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': line.Append("\\\""); break;
                case '\\': line.Append("\\\\"); break;
                case '\n': line.Append("\\n"); break;
                case '\r': break;
                default: line.Append(c); break;
            }
        }
        line.Append('"');
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_')
                    text.Append('_');
                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }
        return text.ToString();
    }
}
