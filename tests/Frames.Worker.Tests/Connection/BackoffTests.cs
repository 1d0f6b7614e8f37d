using FramesNet.Worker.Connection;

namespace FramesNet.Worker.Tests.Connection;

public class BackoffTests
{
    [Fact]
    public void Delays_start_at_10_ms_and_grow_by_half_up_to_the_cap()
    {
        var backoff = Backoff.Default();

        var delays = Enumerable.Range(0, 14).Select(_ => backoff.Next().TotalMilliseconds).ToList();

        Assert.Equal([10, 15, 22, 33], delays.Take(4));
        Assert.All(delays.Zip(delays.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
        Assert.Equal(1000, delays[^1]);
    }
}
