using System.Threading.Channels;
using FramesNet.Physical;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Execution;

namespace FramesNet.Worker.Connection;

/// <summary>
/// Task reports waiting to go to the scheduler. It outlives control streams: reports made while the
/// worker reconnects go out on the next stream, after its hello. Consecutive reports of one kind
/// (started, finished) are merged into one message by <see cref="TakeAsync"/>. <see cref="Wake"/> ends a
/// wait without a report (the control stream's heartbeat timer uses it).
/// </summary>
internal sealed class Outbox(TimeProvider time, TimeSpan batchDelay, int batchLimit) : ITaskReporter
{
    private readonly Channel<WorkerMessage> _messages = Channel.CreateUnbounded<WorkerMessage>(new UnboundedChannelOptions { SingleReader = true });
    /// <summary>Queued by <see cref="Wake"/>; never sent.</summary>
    private static readonly WorkerMessage WakeUp = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> _unsent = new();
    private WorkerMessage? _held;

    public Task Started(TaskKey task)
    {
        var sent = _unsent.GetOrAdd(task.Value, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Post(new WorkerMessage { Started = new TasksStarted { Tasks = { task.Value } } });
        return sent.Task;
    }

    /// <summary>
    /// The scheduler acknowledges started reports (it said so when the worker registered): a started
    /// report counts as delivered when acknowledged, not when written. Bytes written just before a crash
    /// can die in the socket, and then the crash would not be blamed on the task.
    /// </summary>
    public bool AwaitAcknowledgements { get; set; }

    /// <summary>The control stream wrote <paramref name="message"/>: whoever waits for its started reports may go on (unless acknowledgements are awaited).</summary>
    public void Sent(WorkerMessage message)
    {
        if (message.MessageCase == WorkerMessage.MessageOneofCase.Started && !AwaitAcknowledgements)
            Delivered(message.Started);
    }

    /// <summary>The scheduler has these started reports.</summary>
    public void Delivered(TasksStarted started)
    {
        foreach (var task in started.Tasks)
            if (_unsent.TryRemove(task, out var sent))
                sent.TrySetResult();
    }

    public void Finished(TaskDone done) => Post(new WorkerMessage { Finished = new TasksFinished { Tasks = { done } } });

    public void Failed(TaskFailure failure) => Post(new WorkerMessage { Failed = failure });

    /// <summary>Makes the pending (or next) <see cref="TakeAsync"/> return, with null if no report is waiting.</summary>
    public void Wake() => Post(WakeUp);

    private void Post(WorkerMessage message) => _messages.Writer.TryWrite(message);

    /// <summary>
    /// The next message to send; null when woken (<see cref="Wake"/>) with nothing to send. A started or
    /// finished report waits up to the batch delay for more of its kind (up to the batch limit) to join it;
    /// a wake-up ends that wait at once.
    /// </summary>
    public async ValueTask<WorkerMessage?> TakeAsync(CancellationToken cancellationToken)
    {
        var first = _held ?? await _messages.Reader.ReadAsync(cancellationToken);
        _held = null;
        if (ReferenceEquals(first, WakeUp))
            return null;
        if (first.MessageCase is not (WorkerMessage.MessageOneofCase.Started or WorkerMessage.MessageOneofCase.Finished))
            return first;
        var deadline = time.GetTimestamp() + (long)(batchDelay.TotalSeconds * time.TimestampFrequency);
        var count = Count(first);
        while (count < batchLimit)
        {
            var next = await ReadAsync(deadline, cancellationToken);
            if (next is null || ReferenceEquals(next, WakeUp))
                break;
            if (next.MessageCase != first.MessageCase)
            {
                _held = next;
                break;
            }
            if (first.MessageCase == WorkerMessage.MessageOneofCase.Started)
                first.Started.Tasks.AddRange(next.Started.Tasks);
            else
                first.Finished.Tasks.AddRange(next.Finished.Tasks);
            count = Count(first);
        }
        return first;
    }

    private static int Count(WorkerMessage message) =>
        message.MessageCase == WorkerMessage.MessageOneofCase.Started ? message.Started.Tasks.Count : message.Finished.Tasks.Count;

    /// <summary>The next message if one comes before <paramref name="deadline"/> (a timestamp of the clock), else null.</summary>
    private async ValueTask<WorkerMessage?> ReadAsync(long deadline, CancellationToken cancellationToken)
    {
        if (_messages.Reader.TryRead(out var message))
            return message;
        var remaining = time.GetElapsedTime(time.GetTimestamp(), deadline);
        if (remaining <= TimeSpan.Zero)
            return null;
        using var timer = new CancellationTokenSource(remaining, time);
        // The clock may have moved between reading it and starting the timer, which then ends too late.
        if (time.GetTimestamp() >= deadline)
            return _messages.Reader.TryRead(out message) ? message : null;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            if (await _messages.Reader.WaitToReadAsync(wait.Token))
                return _messages.Reader.TryRead(out message) ? message : null;
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
