using Grpc.Core;
using Grpc.Net.Client;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;

namespace FramesNet.Bench;

/// <summary>
/// A worker for the scheduler benchmark: registers, connects, and answers every RunTasks message at once
/// with one TasksFinished for all its tasks (empty outputs), as if each task took no time. Sends heartbeats
/// like a live worker (a long submission would otherwise make it look dead).
/// </summary>
internal sealed class SchedulerBenchWorker : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<WorkerMessage, SchedulerMessage> _call;
    private readonly Task _answering;
    private readonly Task _beating;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly CancellationTokenSource _stop = new();

    private SchedulerBenchWorker(GrpcChannel channel, AsyncDuplexStreamingCall<WorkerMessage, SchedulerMessage> call, TimeSpan heartbeat)
    {
        _channel = channel;
        _call = call;
        _answering = AnswerAsync();
        _beating = BeatAsync(heartbeat);
    }

    public long Tasks { get; private set; }

    public long Messages { get; private set; }

    public static async Task<SchedulerBenchWorker> StartAsync(Uri scheduler, string host, int slots)
    {
        var channel = RpcChannel.Create(scheduler);
        var registered = await SchedulerApi.Client(channel).RegisterWorkerAsync(new RegisterWorkerRequest { HostName = host, Address = $"http://{host}:1", Slots = slots, Version = "bench" }).ResponseAsync;
        var call = SchedulerApi.Client(channel).Connect();
        await call.RequestStream.WriteAsync(new WorkerMessage { Hello = new WorkerHello { WorkerId = registered.WorkerId } });
        return new SchedulerBenchWorker(channel, call, TimeSpan.FromMilliseconds(registered.HeartbeatIntervalMs));
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _beating;
        _call.Dispose();
        try
        {
            await _answering;
        }
        catch (RpcException)
        {
            // Cut off by the dispose above, or by the scheduler stopping.
        }
        _channel.Dispose();
    }

    private async Task AnswerAsync()
    {
        await foreach (var message in _call.ResponseStream.ReadAllAsync())
        {
            if (message.Run is not { } run)
                continue;
            Messages++;
            Tasks += run.Tasks.Count;
            var finished = new TasksFinished();
            foreach (var task in run.Tasks)
                finished.Tasks.Add(new TaskDone { Task = task.Task });
            await WriteAsync(new WorkerMessage { Finished = finished });
        }
    }

    private async Task BeatAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
                await WriteAsync(new WorkerMessage { Heartbeat = new Heartbeat() });
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task WriteAsync(WorkerMessage message)
    {
        await _writing.WaitAsync();
        try
        {
            await _call.RequestStream.WriteAsync(message);
        }
        finally
        {
            _writing.Release();
        }
    }
}
