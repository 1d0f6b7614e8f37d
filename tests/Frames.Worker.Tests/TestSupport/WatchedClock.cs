using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace FramesNet.Worker.Tests.TestSupport;

/// <summary>
/// A fake clock that also tells when code under test starts waiting on it: each timer it creates (a
/// <c>Task.Delay</c>, a timed cancellation, a periodic timer) is announced with its due time, so a test can
/// advance exactly to it instead of guessing when the wait began.
/// </summary>
internal sealed class WatchedClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer created (in creation order).</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var patience = new CancellationTokenSource(Patience.Wait);
        return await _timers.Reader.ReadAsync(patience.Token);
    }
}
