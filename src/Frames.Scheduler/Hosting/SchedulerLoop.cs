using System.Threading.Channels;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Scheduler.Core;
using Microsoft.Extensions.Logging;

namespace FramesNet.Scheduler.Hosting;

/// <summary>
/// The scheduler's single writer: RPC handlers, worker streams and the clock post events (or short
/// actions that need an answer) to one channel; one loop takes them in order, feeds the core, and hands
/// the commands to the dispatcher. Nothing else touches the core or the dispatcher. Each item is handled
/// with the time it was posted at, so a loop busy with a huge submission does not take the heartbeats
/// queued behind it for late ones.
/// </summary>
/// <remarks>
/// A failure inside the core is a bug that leaves its state untrustworthy: the loop logs it and stops, and
/// <see cref="Completion"/> faults (the daemon exits). An <see cref="RpcException"/> thrown by an action
/// is its answer to the caller and is not a failure.
/// </remarks>
internal sealed class SchedulerLoop(SchedulerCore core, CommandDispatcher dispatcher, TimeProvider time, ILogger log)
{
    private readonly Channel<Item> _items = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private Task _run = Task.CompletedTask;

    public Task Completion => _run;

    public void Start() => _run = Task.Run(RunAsync);

    /// <summary>Queues an event; dropped once the loop has stopped.</summary>
    public void Post(SchedulerEvent e) => _items.Writer.TryWrite(new Item(e, time.GetUtcNow()));

    /// <summary>Runs <paramref name="action"/> on the loop (with the core, the time, the dispatcher) and returns its answer.</summary>
    public Task<T> InvokeAsync<T>(Func<SchedulerCore, DateTimeOffset, CommandDispatcher, T> action)
    {
        var item = new Invocation<T>(action);
        if (!_items.Writer.TryWrite(new Item(item, time.GetUtcNow())))
            throw new RpcException(new Status(StatusCode.Unavailable, "the scheduler is stopping"));
        return item.Task;
    }

    /// <summary>Stops taking items; those already queued are handled first.</summary>
    public async Task StopAsync()
    {
        _items.Writer.TryComplete();
        await _run.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _items.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    if (item.Work is SchedulerEvent e)
                        dispatcher.Execute(core.Handle(e, item.At));
                    else
                        ((IInvocation)item.Work).Run(core, item.At, dispatcher);
                }
            }
        }
        catch (Exception e)
        {
            SchedulerLog.LoopFailed(log, e);
            _items.Writer.TryComplete();
            while (reader.TryRead(out var item))
                (item.Work as IInvocation)?.Fail(new RpcException(new Status(StatusCode.Unavailable, "the scheduler stopped after an internal error")));
            throw;
        }
    }

    /// <summary>An event or an invocation, and when it was posted.</summary>
    private readonly record struct Item(object Work, DateTimeOffset At);

    private interface IInvocation
    {
        void Run(SchedulerCore core, DateTimeOffset now, CommandDispatcher dispatcher);

        void Fail(Exception exception);
    }

    private sealed class Invocation<T>(Func<SchedulerCore, DateTimeOffset, CommandDispatcher, T> action) : IInvocation
    {
        private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _answer.Task;

        public void Run(SchedulerCore core, DateTimeOffset now, CommandDispatcher dispatcher)
        {
            try
            {
                _answer.SetResult(action(core, now, dispatcher));
            }
            catch (RpcException e)
            {
                _answer.SetException(e);
            }
            catch (Exception e)
            {
                _answer.SetException(new RpcException(new Status(StatusCode.Internal, "the scheduler failed internally")));
                throw new InvalidOperationException("a scheduler action failed", e);
            }
        }

        public void Fail(Exception exception) => _answer.TrySetException(exception);
    }
}
