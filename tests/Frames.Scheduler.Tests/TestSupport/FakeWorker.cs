using FramesNet.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;

namespace FramesNet.Scheduler.Tests.TestSupport;

/// <summary>
/// A worker stand-in over real gRPC: registers, holds a Connect stream, and answers RunTasks with
/// TasksFinished at once (<see cref="AutoFinish"/>) or when told. Optionally serves the Worker service
/// (ListFiles, DescribeFiles) so the scheduler can call it. Records everything the scheduler sent.
/// </summary>
internal sealed class FakeWorker : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<WorkerMessage, SchedulerMessage> _call;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Task _reading;
    private readonly Task _beating;
    private readonly CancellationTokenSource _stop = new();
    private readonly RpcServer? _server;
    private readonly List<SchedulerMessage> _log = [];

    private FakeWorker(GrpcChannel channel, AsyncDuplexStreamingCall<WorkerMessage, SchedulerMessage> call, string id, RpcServer? server, bool autoFinish,
        bool heartbeats)
    {
        _channel = channel;
        _call = call;
        Id = id;
        _server = server;
        AutoFinish = autoFinish;
        _reading = ReadAsync();
        _beating = heartbeats ? BeatAsync() : Task.CompletedTask;
    }

    public string Id { get; }

    public string Address => _server is null ? "http://127.0.0.1:1" : $"{_server.Address.Scheme}://{_server.Address.Authority}";

    public bool AutoFinish { get; set; }

    /// <summary>How the Connect stream ended (null while it is open, the status once it ended).</summary>
    public Task<Status> Ended => _ended.Task;

    private readonly TaskCompletionSource<Status> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="heartbeats">Send a heartbeat every 200 ms (real time), as a live worker does.</param>
    public static async Task<FakeWorker> StartAsync(Uri scheduler, string host, int slots = 2, bool autoFinish = true, string? token = null,
        RpcServices? services = null, string? previousId = null, bool heartbeats = true)
    {
        RpcServer? server = null;
        if (services is not null)
            server = await RpcServer.StartAsync(services, new RpcServerOptions { Port = 0, BearerToken = token });
        var channel = RpcChannel.Create(scheduler, new RpcChannelOptions { BearerToken = token });
        var address = server is null ? $"http://127.0.0.1:1" : $"{server.Address.Scheme}://{server.Address.Authority}";
        var registration = await SchedulerApi.Client(channel).RegisterWorkerAsync(new RegisterWorkerRequest { HostName = host, Address = address, Slots = slots, Version = "fake", PreviousId = previousId ?? "" }).ResponseAsync;
        var call = SchedulerApi.Client(channel).Connect();
        await call.RequestStream.WriteAsync(new WorkerMessage { Hello = new WorkerHello { WorkerId = registration.WorkerId } });
        return new FakeWorker(channel, call, registration.WorkerId, server, autoFinish, heartbeats);
    }

    /// <summary>Every message received so far.</summary>
    public List<SchedulerMessage> Received
    {
        get
        {
            lock (_log)
                return [.. _log];
        }
    }

    public List<RunTask> Tasks => [.. Received.Where(m => m.Run is not null).SelectMany(m => m.Run.Tasks)];

    public List<string> Released => [.. Received.Where(m => m.Release is not null).SelectMany(m => m.Release.Tasks)];

    /// <summary>Waits until the messages received satisfy <paramref name="condition"/>.</summary>
    public async Task WaitForAsync(Func<FakeWorker, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Patience.Wait);
        while (true)
        {
            Task changed;
            lock (_log)
                changed = _changed.Task;
            if (condition(this))
                return;
            var left = deadline - DateTime.UtcNow;
            try
            {
                await changed.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"worker {Id}: {what} did not happen; received {Received.Count} messages");
            }
        }
    }

    public Task FinishAsync(params string[] tasks)
    {
        var finished = new TasksFinished();
        foreach (var task in tasks)
            finished.Tasks.Add(new TaskDone { Task = task, Outputs = { new TaskOutputInfo { Bucket = 0, Rows = 1, Bytes = 8 } } });
        return SendAsync(new WorkerMessage { Finished = finished });
    }

    public async Task SendAsync(WorkerMessage message)
    {
        await _writeGate.WaitAsync();
        try
        {
            await _call.RequestStream.WriteAsync(message);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task CloseRequestsAsync()
    {
        await _writeGate.WaitAsync();
        try
        {
            await _call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or IOException or OperationCanceledException or InvalidOperationException)
        {
            // The stream is gone already.
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Drops the connection without a goodbye, as a crashed worker would.</summary>
    public async Task CrashAsync()
    {
        _stop.Cancel();
        _call.Dispose();
        await _ended.Task.WaitAsync(Patience.Wait);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _beating;
        _call.Dispose();
        try
        {
            await _reading;
        }
        catch (RpcException)
        {
        }
        _channel.Dispose();
        if (_server is not null)
            await _server.DisposeAsync();
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var message in _call.ResponseStream.ReadAllAsync())
            {
                lock (_log)
                    _log.Add(message);
                Pulse();
                if (AutoFinish && message.Run is { } run)
                    await FinishAsync([.. run.Tasks.Select(t => t.Task)]);
                if (message.Shutdown is not null)
                    await CloseRequestsAsync(); // as a real worker does
            }
            _ended.TrySetResult(Status.DefaultSuccess);
        }
        catch (RpcException e)
        {
            _ended.TrySetResult(e.Status);
        }
        finally
        {
            Pulse();
        }
    }

    private async Task BeatAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token) && !_ended.Task.IsCompleted)
                await SendAsync(new WorkerMessage { Heartbeat = new Heartbeat() });
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped, or the stream is gone (crashed or removed on purpose).
        }
    }

    private void Pulse()
    {
        TaskCompletionSource old;
        lock (_log)
        {
            old = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        old.TrySetResult();
    }
}
