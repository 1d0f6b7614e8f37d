namespace FramesNet.Worker.Connection;

/// <summary>Delays between attempts to reach the scheduler: short at first (it may be starting too), doubling up to a cap.</summary>
internal sealed class Backoff(TimeSpan first, TimeSpan cap)
{
    private TimeSpan _next = first;

    public static Backoff Default() => new(TimeSpan.FromMilliseconds(25), TimeSpan.FromSeconds(1));

    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(cap.Ticks, _next.Ticks * 2));
        return delay;
    }
}
