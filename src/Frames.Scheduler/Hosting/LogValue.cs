namespace FramesNet.Scheduler.Hosting;

/// <summary>Makes a value safe for a <c>key=value</c> log line: quoted (with \" and \\ escaped) when it has spaces, quotes or '='.</summary>
internal static class LogValue
{
    public static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "\"\"";
        if (value.AsSpan().IndexOfAny(" \"=\t\n\\") < 0)
            return value;
        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
    }
}
