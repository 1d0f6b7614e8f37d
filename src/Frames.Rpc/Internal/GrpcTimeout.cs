namespace FramesNet.Rpc.Internal;

/// <summary><c>grpc-timeout</c>: at most 8 ASCII digits and a unit (H, M, S, m, u, n).</summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    /// <summary>
    /// The header for the time left until <paramref name="deadline"/>, rounded up so the server never
    /// gives up before the client; the coarsest unit is chosen only when the finer one overflows 8 digits.
    /// </summary>
    public static string Format(TimeSpan remaining)
    {
        if (remaining <= TimeSpan.Zero)
            return "1n";
        var ticks = remaining.Ticks;
        var micros = CeilDiv(ticks, TimeSpan.TicksPerMicrosecond);
        if (micros <= MaxValue)
            return micros + "u";
        var millis = CeilDiv(ticks, TimeSpan.TicksPerMillisecond);
        if (millis <= MaxValue)
            return millis + "m";
        var seconds = CeilDiv(ticks, TimeSpan.TicksPerSecond);
        if (seconds <= MaxValue)
            return seconds + "S";
        var minutes = CeilDiv(ticks, TimeSpan.TicksPerMinute);
        if (minutes <= MaxValue)
            return minutes + "M";
        return Math.Min(CeilDiv(ticks, TimeSpan.TicksPerHour), MaxValue) + "H";
    }

    /// <summary>Parses a header value; false for anything malformed (the call then runs without a deadline).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan timeout)
    {
        timeout = default;
        if (text.Length is < 2 or > 9)
            return false;
        long value = 0;
        foreach (var c in text[..^1])
        {
            if (c is < '0' or > '9')
                return false;
            value = value * 10 + (c - '0');
        }
        var ticks = text[^1] switch
        {
            'H' => value * TimeSpan.TicksPerHour,
            'M' => value * TimeSpan.TicksPerMinute,
            'S' => value * TimeSpan.TicksPerSecond,
            'm' => value * TimeSpan.TicksPerMillisecond,
            'u' => value * TimeSpan.TicksPerMicrosecond,
            'n' => value / TimeSpan.NanosecondsPerTick,
            _ => -1,
        };
        if (ticks < 0)
            return false;
        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    private static long CeilDiv(long value, long divisor) => (value + divisor - 1) / divisor;
}
