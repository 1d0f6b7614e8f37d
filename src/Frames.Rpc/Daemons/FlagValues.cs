using System.Globalization;

namespace FramesNet.Rpc.Daemons;

/// <summary>Flag values the three programs read alike, with one wording for their errors.</summary>
internal static class FlagValues
{
    /// <summary>Why <paramref name="port"/> is no TCP port (0 takes a free one), or null when it is one.</summary>
    public static string? PortError(string flag, int port) =>
        port is < 0 or > 65535 ? $"{flag} must be 0–65535 (0 takes a free port), not {port}" : null;

    /// <summary>A duration: <c>30s</c>, <c>500ms</c>, <c>2m</c>, <c>1h</c>, or plain seconds; null when malformed or not positive.</summary>
    public static TimeSpan? Duration(string text)
    {
        var trimmed = text.Trim();
        var (number, scale) = trimmed.EndsWith("ms", StringComparison.Ordinal) ? (trimmed[..^2], 0.001)
            : trimmed.EndsWith('s') ? (trimmed[..^1], 1.0)
            : trimmed.EndsWith('m') ? (trimmed[..^1], 60.0)
            : trimmed.EndsWith('h') ? (trimmed[..^1], 3600.0)
            : (trimmed, 1.0);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0 || double.IsInfinity(value))
            return null;
        return TimeSpan.FromSeconds(value * scale);
    }

    public static string DurationError(string flag, string text) => $"{flag} must be a duration like 30s, 500ms or 2m, not '{text}'";
}
