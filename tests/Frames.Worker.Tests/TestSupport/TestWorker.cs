using Grpc.Net.Client;
using FramesNet.Rpc.Client;

namespace FramesNet.Worker.Tests.TestSupport;

/// <summary>A worker running in-process against a <see cref="FakeScheduler"/>, with a channel to its Worker service.</summary>
internal sealed class TestWorker : IAsyncDisposable
{
    private readonly bool _ownsScheduler;

    private TestWorker(FakeScheduler scheduler, bool ownsScheduler, WorkerHost host, FakeScheduler.Session session, GrpcChannel channel)
    {
        Scheduler = scheduler;
        _ownsScheduler = ownsScheduler;
        Host = host;
        Session = session;
        Channel = channel;
    }

    public FakeScheduler Scheduler { get; }

    public WorkerHost Host { get; }

    /// <summary>The control stream the worker opened at start.</summary>
    public FakeScheduler.Session Session { get; }

    /// <summary>A client of the worker's Worker service (carrying the token when the worker has one).</summary>
    public GrpcChannel Channel { get; }

    public static async Task<TestWorker> StartAsync(Func<WorkerOptions, WorkerOptions>? configure = null, FakeScheduler? scheduler = null, int heartbeatMs = 1000)
    {
        var owns = scheduler is null;
        scheduler ??= await FakeScheduler.StartAsync(heartbeatMs);
        var options = new WorkerOptions { Scheduler = scheduler.Address, Slots = 2, HostName = "test-host", ConnectTimeout = Patience.Wait };
        if (configure is not null)
            options = configure(options);
        var host = await WorkerHost.StartAsync(options);
        var session = await scheduler.NextSessionAsync();
        var channel = RpcChannel.Create(host.Address, new RpcChannelOptions { BearerToken = options.Token });
        return new TestWorker(scheduler, owns, host, session, channel);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Host.StopAsync();
        if (_ownsScheduler)
            await Scheduler.DisposeAsync();
    }
}
