using System.Collections.Concurrent;
using System.Threading.Channels;
using FramesNet.Rpc;
using Grpc.Core;
using SchedulerService = FramesNet.Rpc.Protocol.Scheduler;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;

namespace FramesNet.Bench;

/// <summary>
/// The least a worker needs from a scheduler, for benchmarks: it registers workers, holds their control
/// streams, sends them tasks and hands back what they report. Not a scheduler: it places nothing.
/// </summary>
internal sealed class StubScheduler : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Worker> _workers = new();
    private readonly Channel<string> _hellos = Channel.CreateUnbounded<string>();
    private RpcServer _server = null!;
    private int _next;

    public Uri Address => _server.Address;

    public static async Task<StubScheduler> StartAsync()
    {
        var scheduler = new StubScheduler();
        var service = new Service(scheduler);
        var services = new RpcServices().Add(SchedulerApi.ServiceName, binder => SchedulerService.BindService(binder, service));
        scheduler._server = await RpcServer.StartAsync(services);
        return scheduler;
    }

    /// <summary>The id of the next worker whose hello arrives.</summary>
    public async Task<string> NextHelloAsync(CancellationToken cancellationToken = default) => await _hellos.Reader.ReadAsync(cancellationToken);

    /// <summary>Sends tasks to a worker and waits until each is reported finished (or failed).</summary>
    public async Task<List<WorkerMessage>> RunAsync(string workerId, IReadOnlyList<RunTask> tasks)
    {
        var worker = _workers[workerId];
        await worker.Send.WaitAsync();
        try
        {
            await worker.Responses.WriteAsync(new SchedulerMessage { Run = new RunTasks { Tasks = { tasks } } });
        }
        finally
        {
            worker.Send.Release();
        }
        var reports = new List<WorkerMessage>();
        var open = tasks.Select(t => t.Task).ToHashSet();
        while (open.Count > 0)
        {
            var message = await worker.Reports.Reader.ReadAsync();
            if (message.MessageCase == WorkerMessage.MessageOneofCase.Finished)
                open.ExceptWith(message.Finished.Tasks.Select(t => t.Task));
            else if (message.MessageCase == WorkerMessage.MessageOneofCase.Failed)
                open.Remove(message.Failed.Task);
            else
                continue;
            reports.Add(message);
        }
        return reports;
    }

    private async Task ConnectAsync(IAsyncStreamReader<WorkerMessage> requests, IServerStreamWriter<SchedulerMessage> responses, ServerCallContext context)
    {
        if (!await requests.MoveNext(context.CancellationToken) || requests.Current.Hello is not { } hello)
            return;
        var worker = new Worker(responses);
        _workers[hello.WorkerId] = worker;
        _hellos.Writer.TryWrite(hello.WorkerId);
        try
        {
            while (await requests.MoveNext(context.CancellationToken))
                worker.Reports.Writer.TryWrite(requests.Current);
        }
        catch (OperationCanceledException)
        {
            // The worker went away or the stub stops.
        }
        _workers.TryRemove(hello.WorkerId, out _);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>RegisterWorker and Connect; the other methods answer UNIMPLEMENTED.</summary>
    private sealed class Service(StubScheduler scheduler) : SchedulerService.SchedulerBase
    {
        public override Task<RegisterWorkerReply> RegisterWorker(RegisterWorkerRequest request, ServerCallContext context) =>
            Task.FromResult(new RegisterWorkerReply { WorkerId = $"w{Interlocked.Increment(ref scheduler._next)}", HeartbeatIntervalMs = 1000 });

        public override Task Connect(IAsyncStreamReader<WorkerMessage> requestStream, IServerStreamWriter<SchedulerMessage> responseStream, ServerCallContext context) =>
            scheduler.ConnectAsync(requestStream, responseStream, context);
    }

    private sealed class Worker(IServerStreamWriter<SchedulerMessage> responses)
    {
        public IAsyncStreamWriter<SchedulerMessage> Responses { get; } = responses;

        public SemaphoreSlim Send { get; } = new(1, 1);

        public Channel<WorkerMessage> Reports { get; } = Channel.CreateUnbounded<WorkerMessage>();
    }
}
