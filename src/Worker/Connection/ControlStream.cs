using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using Microsoft.Extensions.Logging;

using Grpc.Net.Client;

namespace FramesNet.Worker.Connection;

/// <summary>
/// One Connect stream to the scheduler: the hello first, then heartbeats at the interval and the outbox's
/// reports, while commands that arrive go to the handler. Ends when the stream breaks, the scheduler says
/// shutdown, or the worker stops (then it half-closes the stream so the scheduler sees a clean end).
/// </summary>
internal sealed class ControlStream(GrpcChannel scheduler, Outbox outbox, IControlHandler handler, string hostName, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromMilliseconds(500);

    public async Task<SessionEnd> RunAsync(WorkerId id, TimeSpan heartbeat, TaskCompletionSource? helloSent, CancellationToken stopping)
    {
        using var callCancel = new CancellationTokenSource();
        // Not linked to stopping: when the worker stops, the writer ends after the session decides how to close.
        using var writerCancel = new CancellationTokenSource();
        using var call = SchedulerApi.Client(scheduler).Connect(cancellationToken: callCancel.Token);
        // The first heartbeat is due one interval after the stream opened, then one per interval.
        var beat = new HeartbeatDue(outbox);
        using var beats = time.CreateTimer(static state => ((HeartbeatDue)state!).Raise(), beat, heartbeat, heartbeat);
        try
        {
            var hello = new WorkerHello { WorkerId = id.Value };
            hello.Stored.AddRange(handler.Stored());
            await call.WriteOrStatusAsync(new WorkerMessage { Hello = hello }, callCancel.Token);
            ConnectionLog.Connected(logger, id.Value, hostName, hello.Stored.Count);
        }
        catch (Exception e) when (e is RpcException or IOException or InvalidOperationException or OperationCanceledException)
        {
            return new SessionEnd.Broken($"the hello was not accepted: {(e is RpcException rpc ? rpc.Status.Text : e.Message)}");
        }
        helloSent?.TrySetResult();

        var writer = WriteAsync(call.RequestStream, beat, writerCancel.Token);
        var reader = ReadAsync(call.ResponseStream, callCancel.Token);
        var stopped = Task.Delay(Timeout.Infinite, stopping);
        var first = await Task.WhenAny(writer, reader, stopped);

        SessionEnd end;
        if (stopping.IsCancellationRequested)
        {
            end = new SessionEnd.Stopped();
        }
        else if (first == reader)
        {
            end = await reader;
        }
        else if (first == writer)
        {
            end = new SessionEnd.Broken(await Describe(writer));
        }
        else
        {
            end = new SessionEnd.Stopped();
        }

        writerCancel.Cancel();
        await Observe(writer);
        if (end is not SessionEnd.Broken)
        {
            // A clean end: no more messages from this side; give the scheduler a moment to finish its side (after a
            // Shutdown the reader is done already: read on to the call's end, so that disposing it resets nothing).
            try
            {
                await call.RequestStream.CompleteAsync();
                var rest = reader.IsCompleted ? DrainAsync(call.ResponseStream, callCancel.Token) : reader;
                await Task.WhenAny(rest, Task.Delay(CloseGrace, time));
            }
            catch (Exception e) when (e is RpcException or IOException or OperationCanceledException or InvalidOperationException)
            {
                // The stream is gone already: nothing left to close.
            }
        }
        callCancel.Cancel();
        await Observe(reader);
        return end;
    }

    /// <summary>
    /// Writes a heartbeat whenever one is due and the outbox's reports otherwise. A due heartbeat goes before
    /// the next report, so a steady flow of reports never delays it.
    /// </summary>
    private async Task WriteAsync(IClientStreamWriter<WorkerMessage> requests, HeartbeatDue beat, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (beat.Take())
            {
                await requests.WriteAsync(new WorkerMessage { Heartbeat = handler.Heartbeat() }, CancellationToken.None);
                continue;
            }
            var message = await outbox.TakeAsync(cancellationToken);
            if (message is not null)
            {
                await requests.WriteAsync(message, CancellationToken.None);
                outbox.Sent(message);
            }
        }
    }

    private async Task<SessionEnd> ReadAsync(IAsyncStreamReader<SchedulerMessage> responses, CancellationToken cancellationToken)
    {
        try
        {
            while (await responses.MoveNext(cancellationToken))
            {
                var message = responses.Current;
                switch (message.MessageCase)
                {
                    case SchedulerMessage.MessageOneofCase.Run:
                        handler.Run(message.Run);
                        break;
                    case SchedulerMessage.MessageOneofCase.Release:
                        handler.Release(message.Release);
                        break;
                    case SchedulerMessage.MessageOneofCase.StartedReceived:
                        outbox.Delivered(message.StartedReceived);
                        break;
                    case SchedulerMessage.MessageOneofCase.Shutdown when message.Shutdown.Reconnect:
                        return new SessionEnd.Released(message.Shutdown.Reason);
                    case SchedulerMessage.MessageOneofCase.Shutdown:
                        return new SessionEnd.Shutdown(message.Shutdown.Reason);
                }
            }
            return new SessionEnd.Broken("the scheduler closed the stream");
        }
        catch (RpcException e)
        {
            return new SessionEnd.Broken(e.Status.Text);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            return new SessionEnd.Broken(e.Message);
        }
    }

    private static async Task DrainAsync(IAsyncStreamReader<SchedulerMessage> responses, CancellationToken cancellationToken)
    {
        try
        {
            while (await responses.MoveNext(cancellationToken))
            {
            }
        }
        catch (Exception e) when (e is RpcException or IOException or OperationCanceledException)
        {
            // The call ended one way or another: that is all this waits for.
        }
    }

    private static async Task<string> Describe(Task writer)
    {
        try
        {
            await writer;
            return "the report writer ended";
        }
        catch (RpcException e)
        {
            return e.Status.Text;
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }

    /// <summary>Set by the stream's heartbeat timer, taken by its writer; the timer wakes the writer through the outbox.</summary>
    private sealed class HeartbeatDue(Outbox outbox)
    {
        private int _due;

        public void Raise()
        {
            Volatile.Write(ref _due, 1);
            outbox.Wake();
        }

        public bool Take() => Interlocked.Exchange(ref _due, 0) == 1;
    }

    private static async Task Observe(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // Its outcome was taken into account already; this only keeps it from going unobserved.
        }
    }
}
