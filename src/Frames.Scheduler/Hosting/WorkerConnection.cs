using System.Threading.Channels;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Scheduler.Core;

namespace FramesNet.Scheduler.Hosting;

/// <summary>
/// The scheduler's side of one worker's Connect stream: the loop drops commands into an outbox without
/// waiting; a writer drains it, merging runs of consecutive task batches (and of releases) into one
/// message each, in order, and writes them to the stream.
/// </summary>
internal sealed class WorkerConnection(WorkerId worker, long sequence)
{
    /// <summary>Merged RunTasks stay well under the workers' 16 MiB message limit.</summary>
    private const int MaxBatchBytes = 4 * 1024 * 1024;

    private readonly Channel<object> _outbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WorkerId Worker { get; } = worker;

    /// <summary>Which Connect stream this is (news about an older one is ignored).</summary>
    public long Sequence { get; } = sequence;

    /// <summary>Why the scheduler ended the stream, once it did.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>The scheduler told the worker to shut down, or to come back later: the stream ends normally after that message.</summary>
    public bool ShuttingDown { get; private set; }

    /// <summary>
    /// Completes when the Connect call's response is complete, its status sent (the handler returned and
    /// Kestrel finished the stream): stopping the server before that would cut the stream off without it.
    /// </summary>
    public Task Drained => _drained.Task;

    /// <summary>The Connect call is over, its response complete.</summary>
    public void Ended() => _drained.TrySetResult();

    public void Send(SchedulerCommand command) => _outbox.Writer.TryWrite(command);

    /// <summary>Queues a message of the scheduler's own (not from the core) in order with the commands.</summary>
    public void Send(SchedulerMessage message) => _outbox.Writer.TryWrite(message);

    /// <summary>Ends the stream from the scheduler's side (the worker was removed).</summary>
    public void Close(string reason)
    {
        CloseReason ??= reason;
        _outbox.Writer.TryComplete();
    }

    /// <summary>
    /// Sends Shutdown with <c>reconnect</c> after whatever is queued, then ends the stream: the scheduler stops,
    /// the worker keeps running and registers again with the next one. Ends like <see cref="Shutdown"/>
    /// (the worker closes its side first), so the end is never cut off by the server's stop.
    /// </summary>
    public void LetGo(string reason)
    {
        ShuttingDown = true;
        Send(new SchedulerMessage { Shutdown = new Rpc.Protocol.Shutdown { Reason = reason, Reconnect = true } });
        _outbox.Writer.TryComplete();
    }

    /// <summary>Sends Shutdown after whatever is queued, then ends the stream.</summary>
    public void Shutdown(string reason)
    {
        ShuttingDown = true;
        Send(new SchedulerMessage { Shutdown = new Rpc.Protocol.Shutdown { Reason = reason } });
        _outbox.Writer.TryComplete();
    }

    /// <summary>Writes until the outbox is completed (returns) or the call ends (throws).</summary>
    public async Task WriteLoopAsync(IAsyncStreamWriter<SchedulerMessage> responses, CancellationToken cancellationToken)
    {
        var reader = _outbox.Reader;
        var batch = new List<SchedulerMessage>();
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Drain(reader, batch);
                foreach (var message in batch)
                    await responses.WriteAsync(message, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        finally
        {
            _outbox.Writer.TryComplete();
        }
    }

    private static void Drain(ChannelReader<object> reader, List<SchedulerMessage> batch)
    {
        RunTasks? runs = null;
        ReleasePartitions? releases = null;
        var runBytes = 0;
        while (reader.TryRead(out var item))
        {
            switch (item)
            {
                case SendTasks send:
                    releases = null;
                    foreach (var task in send.Tasks)
                    {
                        var size = WorkerMessages.EstimateSize(task);
                        if (runs is null || runBytes + size > MaxBatchBytes)
                        {
                            runs = new RunTasks();
                            runBytes = 0;
                            batch.Add(new SchedulerMessage { Run = runs });
                        }
                        runs.Tasks.Add(WorkerMessages.ToProto(task));
                        runBytes += size;
                    }
                    break;
                case SendRelease release:
                    runs = null;
                    if (releases is null)
                    {
                        releases = new ReleasePartitions();
                        batch.Add(new SchedulerMessage { Release = releases });
                    }
                    foreach (var key in release.Tasks)
                        releases.Tasks.Add(key.Value);
                    break;
                case SchedulerMessage message:
                    runs = null;
                    releases = null;
                    batch.Add(message);
                    break;
            }
        }
    }
}
