using System.Threading.Channels;
using FramesNet.Physical;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Execution;

namespace FramesNet.Worker.Connection;

/// <summary>
/// Task reports waiting to go to the scheduler. It outlives control streams: reports made while the
/// worker reconnects go out on the next stream, after its hello. Consecutive reports of one kind
/// (started, finished) are merged into one message by <see cref="TakeAsync"/>.
/// </summary>
internal sealed class Outbox(TimeProvider time, TimeSpan batchDelay, int batchLimit) : ITaskReporter
{
    private readonly Channel<WorkerMessage> _messages = Channel.CreateUnbounded<WorkerMessage>(new UnboundedChannelOptions { SingleReader = true });
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

    private void Post(WorkerMessage message) => _messages.Writer.TryWrite(message);

    /// <summary>
    /// The next message to send, or null when none came before <paramref name="timeout"/>. A started or
    /// finished report waits up to the batch delay for more of its kind (up to the batch limit) to join it.
    /// </summary>
    public async ValueTask<WorkerMessage?> TakeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var first = _held ?? await ReadAsync(timeout, cancellationToken);
        _held = null;
        if (first is null || first.MessageCase is not (WorkerMessage.MessageOneofCase.Started or WorkerMessage.MessageOneofCase.Finished))
            return first;
        var deadline = time.GetTimestamp() + (long)(batchDelay.TotalSeconds * time.TimestampFrequency);
        var count = Count(first);
        while (count < batchLimit)
        {
            var remaining = time.GetElapsedTime(time.GetTimestamp(), deadline);
            var next = await ReadAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken);
            if (next is null)
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

    private async ValueTask<WorkerMessage?> ReadAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_messages.Reader.TryRead(out var message))
            return message;
        if (timeout <= TimeSpan.Zero)
            return null;
        using var timer = new CancellationTokenSource(timeout, time);
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
