using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Scheduler.Hosting;
using FramesNet.Scheduler.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using static FramesNet.Scheduler.Tests.TestSupport.SchedulerClient;

namespace FramesNet.Scheduler.Tests.Hosting;

/// <summary>Over gRPC, driven by a fake clock: a job submitted to a scheduler with no workers fails after the no-workers timeout.</summary>
public sealed class NoWorkersTests
{
    [Fact]
    public async Task The_client_stream_ends_with_JobFailed_naming_why_once_the_clock_passes_the_timeout()
    {
        var clock = new FakeTimeProvider();
        await using var host = await SchedulerHost.StartAsync(new SchedulerOptions { Port = 0, TimeProvider = clock, NoWorkersTimeout = TimeSpan.FromSeconds(30) });
        using var client = new SchedulerClient(host.Address);
        using var call = SchedulerApi.Client(client.Channel).SubmitGraph(Graph(["a", "b", "c:a,b"], "c"), CallOptions.FromTimeout(TimeSpan.FromSeconds(20)));
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(3, call.ResponseStream.Current.Accepted.Tasks);

        clock.Advance(TimeSpan.FromSeconds(29));
        // GetStatus is handled by the loop after the tick the clock just fired.
        Assert.Equal("running", Assert.Single((await client.StatusAsync()).Jobs).State);
        clock.Advance(TimeSpan.FromSeconds(1));
        var events = new List<JobEvent>();
        while (await call.ResponseStream.MoveNext())
            events.Add(call.ResponseStream.Current);

        var failed = events[^1].Failed;
        Assert.NotNull(failed);
        Assert.Equal("", failed.Task);
        Assert.StartsWith("no worker has connected to the scheduler in the 30 s since job j-1 was submitted; the job's 3 tasks cannot run.", failed.Message);
        Assert.Empty((await client.StatusAsync()).Jobs);
    }
}
