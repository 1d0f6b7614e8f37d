using System.Threading.Channels;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;

namespace FramesNet.Worker.Tests.TestSupport;

/// <summary>
/// An in-process stand-in for frames-scheduler: answers RegisterWorker, holds Connect streams, records
/// what workers send and lets a test send commands or break the stream.
/// </summary>
internal sealed class FakeScheduler : IAsyncDisposable
{
    private readonly RpcServer _server;
    private readonly Channel<Session> _sessions = Channel.CreateUnbounded<Session>();
    private int _registrations;

    private FakeScheduler(RpcServer server, Registrations registrations)
    {
        _server = server;
        Registered = registrations;
    }

    public Uri Address => _server.Address;

    public int HeartbeatMs { get; set; } = 1000;

    public Registrations Registered { get; }

    public static async Task<FakeScheduler> StartAsync(int heartbeatMs = 1000, string? token = null, int port = 0)
    {
        var registrations = new Registrations();
        FakeScheduler? scheduler = null;
        var services = new SchedulerStub
        {
            Register = (request, _) =>
            {
                registrations.Add(request);
                var id = Interlocked.Increment(ref scheduler!._registrations);
                return Task.FromResult(new RegisterWorkerReply { WorkerId = $"w{id}", HeartbeatIntervalMs = scheduler.HeartbeatMs });
            },
            Connected = async (requests, responses, context) =>
            {
                var session = new Session(responses, context.CancellationToken);
                await scheduler!._sessions.Writer.WriteAsync(session);
                var reading = Task.Run(async () =>
                {
                    try
                    {
                        while (await requests.MoveNext(session.Ended))
                            session.Received.Writer.TryWrite(requests.Current);
                        session.Received.Writer.TryComplete();
                    }
                    catch (Exception e)
                    {
                        session.Received.Writer.TryComplete(e);
                    }
                });
                // The call ends when the worker half-closes, or when the test closes or breaks it.
                await Task.WhenAny(reading, session.Finish);
                if (session.Finish.IsCompleted)
                    await session.Finish;
            },
        }.Services();
        var server = await RpcServer.StartAsync(services, new RpcServerOptions { BearerToken = token, Port = port });
        scheduler = new FakeScheduler(server, registrations) { HeartbeatMs = heartbeatMs };
        return scheduler;
    }

    /// <summary>The next Connect stream a worker opens.</summary>
    public async Task<Session> NextSessionAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Patience.Wait);
        return await _sessions.Reader.ReadAsync(cancel.Token);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    internal sealed class Registrations
    {
        private readonly List<RegisterWorkerRequest> _requests = [];

        public void Add(RegisterWorkerRequest request)
        {
            lock (_requests)
                _requests.Add(request);
        }

        public IReadOnlyList<RegisterWorkerRequest> All
        {
            get
            {
                lock (_requests)
                    return _requests.ToArray();
            }
        }
    }

    /// <summary>One worker's Connect stream, as the scheduler sees it.</summary>
    internal sealed class Session(IServerStreamWriter<SchedulerMessage> responses, CancellationToken callEnded)
    {
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _ended = CancellationTokenSource.CreateLinkedTokenSource(callEnded);

        public Channel<WorkerMessage> Received { get; } = Channel.CreateUnbounded<WorkerMessage>();

        public CancellationToken Ended => _ended.Token;

        public Task Finish => _finish.Task;

        /// <summary>Why <see cref="WorkerClosedAsync"/> said no.</summary>
        public Exception? CloseError { get; private set; }

        public async Task SendAsync(SchedulerMessage message) => await responses.WriteAsync(message);

        /// <summary>The next message the worker sent (skipping heartbeats unless asked for).</summary>
        public async Task<WorkerMessage> NextAsync(bool heartbeats = false, TimeSpan? timeout = null)
        {
            using var cancel = new CancellationTokenSource(timeout ?? Patience.Wait);
            while (true)
            {
                var message = await Received.Reader.ReadAsync(cancel.Token);
                if (heartbeats || message.MessageCase != WorkerMessage.MessageOneofCase.Heartbeat)
                    return message;
            }
        }

        /// <summary>Ends the call from the scheduler's side, as a crashing or restarting scheduler would.</summary>
        public void Break()
        {
            _ended.Cancel();
            _finish.TrySetException(new RpcException(new Status(StatusCode.Unavailable, "the scheduler went away")));
        }

        /// <summary>Ends the call normally (the handler returns).</summary>
        public void Close() => _finish.TrySetResult();

        /// <summary>Waits for the worker to end its side of the stream.</summary>
        public async Task<bool> WorkerClosedAsync(TimeSpan? timeout = null)
        {
            using var cancel = new CancellationTokenSource(timeout ?? Patience.Wait);
            try
            {
                while (await Received.Reader.WaitToReadAsync(cancel.Token))
                    Received.Reader.TryRead(out _);
                return true;
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or RpcException)
            {
                // Timed out, or the worker reset the stream instead of closing it.
                CloseError = e;
                return false;
            }
        }
    }
}
