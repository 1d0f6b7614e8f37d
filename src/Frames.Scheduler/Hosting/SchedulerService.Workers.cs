using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using FramesNet.Scheduler.Core;

namespace FramesNet.Scheduler.Hosting;

// Worker calls: registration and the long-lived Connect stream.
internal sealed partial class SchedulerService
{
    /// <summary>How long a worker told to shut down has to close its side of the Connect stream.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(1);

    public override async Task<RegisterWorkerReply> RegisterWorker(RegisterWorkerRequest request, ServerCallContext context)
    {
        if (!Uri.TryCreate(request.Address, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"worker address '{request.Address}' is not an http:// or https:// URL"));
        if (request.Slots < 1)
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"a worker needs at least 1 slot, not {request.Slots}"));
        var host = request.HostName.Length > 0 ? request.HostName : address.Host;
        var description = WorkerMessages.ToDescription(request, host);
        var id = await loop.InvokeAsync((core, now, dispatcher) =>
        {
            RefuseWhenStopping(dispatcher);
            var id = core.NewWorkerId(request.PreviousId);
            dispatcher.Execute(core.Handle(new WorkerRegistered(id, description), now));
            return id;
        }).ConfigureAwait(false);
        SchedulerLog.WorkerRegistered(log, id.ToString(), host, request.Address, request.Slots);
        return new RegisterWorkerReply
        {
            WorkerId = id.ToString(),
            HeartbeatIntervalMs = (int)options.HeartbeatInterval.TotalMilliseconds,
            AcknowledgesStarted = true,
            ClientTokenSha256 = _clientTokenDigest,
        };
    }

    /// <summary>
    /// The worker's control stream: hello first, then its reports become events; the scheduler's messages
    /// go out through its <see cref="WorkerConnection"/>. When the stream ends or breaks, the worker is lost.
    /// </summary>
    public override async Task Connect(IAsyncStreamReader<WorkerMessage> requests, IServerStreamWriter<SchedulerMessage> responses, ServerCallContext context)
    {
        if (!await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
            return;
        if (requests.Current.MessageCase != WorkerMessage.MessageOneofCase.Hello)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"the first message on Connect must be hello, not {requests.Current.MessageCase}"));
        var hello = requests.Current.Hello;
        if (!WorkerId.TryParse(hello.WorkerId, out var worker))
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"'{hello.WorkerId}' is not a worker id: call RegisterWorker for one"));
        var connection = new WorkerConnection(worker, Interlocked.Increment(ref _connections));
        var stored = hello.Stored.Select(GraphCodec.ToRef).ToList();
        var (refusal, host) = await loop.InvokeAsync((core, now, dispatcher) =>
        {
            RefuseWhenStopping(dispatcher);
            if (core.ConnectRefusal(worker) is { } reason)
                return (reason, "");
            dispatcher.Attach(connection);
            dispatcher.Execute(core.Handle(new WorkerConnected(worker, connection.Sequence, stored), now));
            return ((string?)null, core.HostOf(worker));
        }).ConfigureAwait(false);
        if (refusal is not null)
        {
            SchedulerLog.WorkerStreamRefused(log, worker.ToString(), refusal);
            throw new RpcException(new Status(refusal.StartsWith("unknown", StringComparison.Ordinal) ? StatusCode.NotFound : StatusCode.FailedPrecondition, refusal));
        }
        SchedulerLog.WorkerConnected(log, worker.ToString(), host);
        // Drained once the stream's status has gone out, not when this handler returns: a server stopping in
        // between cut the trailers off, and the worker saw UNAVAILABLE instead of the end of a shutdown.
        context.GetHttpContext().Response.OnCompleted(static state =>
        {
            ((WorkerConnection)state).Ended();
            return Task.CompletedTask;
        }, connection);

        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var writing = connection.WriteLoopAsync(responses, call.Token);
        var reading = ReadReportsAsync(worker, connection, requests, call.Token);
        var first = await Task.WhenAny(writing, reading).ConfigureAwait(false);
        if (first == writing && connection.ShuttingDown)
        {
            // The worker closes its side once it has read the shutdown; ending the call before then lets a
            // server that stops next close the connection under a stream the worker has not finished reading.
            await Task.WhenAny(reading, Task.Delay(ShutdownGrace)).ConfigureAwait(false);
        }
        call.Cancel();
        var lost = await LostReasonAsync(first == reading, reading, writing).ConfigureAwait(false);

        if (connection.CloseReason is { } closed)
            throw new RpcException(new Status(StatusCode.Unavailable, $"removed by the scheduler: {closed}; register again"));
        if (connection.ShuttingDown)
            return;
        loop.Post(new WorkerLost(worker, connection.Sequence, lost));
    }

    private static void RefuseWhenStopping(CommandDispatcher dispatcher)
    {
        if (dispatcher.Stopping)
            throw new RpcException(new Status(StatusCode.Unavailable, "the scheduler is stopping"));
    }

    private async Task ReadReportsAsync(WorkerId worker, WorkerConnection connection, IAsyncStreamReader<WorkerMessage> requests, CancellationToken cancellationToken)
    {
        while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            var message = requests.Current;
            if (WorkerMessages.ToEvent(worker, message) is { } e)
                loop.Post(e);
            // Acknowledged once queued for the loop, which sees it before any later loss of this stream: the
            // worker runs the tasks only then, so a task that crashes its worker is always blamed.
            if (message.MessageCase == WorkerMessage.MessageOneofCase.Started)
                connection.Send(new SchedulerMessage { StartedReceived = message.Started });
        }
    }

    /// <summary>How the stream ended, seen from the worker's side: it closed it, or the connection broke.</summary>
    private static async Task<string> LostReasonAsync(bool readerFirst, Task reading, Task writing)
    {
        var reason = "connection broken";
        try
        {
            await reading.ConfigureAwait(false);
            if (readerFirst)
                reason = "closed its Connect stream";
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or IOException)
        {
            // A reset stream or a dead connection: "connection broken".
        }
        try
        {
            await writing.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or IOException or InvalidOperationException)
        {
            // The stream is gone; what the writer saw adds nothing.
        }
        return reason;
    }
}
