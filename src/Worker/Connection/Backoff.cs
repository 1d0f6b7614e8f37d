namespace FramesNet.Worker.Connection;

/// <summary>
/// Delays between attempts to reach the scheduler: short at first, because on one machine the scheduler is
/// usually starting at the same moment (a refused loopback connect costs microseconds, a long first delay
/// costs the whole cluster start), then growing by half up to a cap. Delays are whole milliseconds, the
/// resolution timers keep.
/// </summary>
internal sealed class Backoff(TimeSpan first, TimeSpan cap)
{
    private TimeSpan _next = first;

    public static Backoff Default() => new(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));

    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromMilliseconds(Math.Min(cap.TotalMilliseconds, Math.Floor(_next.TotalMilliseconds * 3 / 2)));
        return delay;
    }
}
