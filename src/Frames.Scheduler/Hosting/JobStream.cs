using System.Threading.Channels;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Scheduler.Core;

namespace FramesNet.Scheduler.Hosting;

/// <summary>
/// One client's SubmitGraph stream: the loop drops job notifications into an outbox; the call's handler
/// writes them out until the job's last word (finished or failed).
/// </summary>
internal sealed class JobStream
{
    private readonly Channel<SchedulerCommand> _outbox = Channel.CreateUnbounded<SchedulerCommand>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The terminal event (finished or failed) was written to the client.</summary>
    public bool Ended { get; private set; }

    public void Send(SchedulerCommand command) => _outbox.Writer.TryWrite(command);

    /// <summary>No more notifications will come (the job ended, or the scheduler is stopping).</summary>
    public void Complete() => _outbox.Writer.TryComplete();

    public async Task WriteLoopAsync(IAsyncStreamWriter<JobEvent> responses, CancellationToken cancellationToken)
    {
        var reader = _outbox.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var command))
            {
                await responses.WriteAsync(JobEvents.ToProto(command), cancellationToken).ConfigureAwait(false);
                if (command is NotifyFinished or NotifyFailed)
                {
                    Ended = true;
                    return;
                }
            }
        }
        throw new RpcException(new Status(StatusCode.Unavailable, "the scheduler is stopping; the job was abandoned"));
    }
}
