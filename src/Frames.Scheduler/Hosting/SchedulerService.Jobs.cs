using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using FramesNet.Scheduler.Core;

namespace FramesNet.Scheduler.Hosting;

// Client calls about jobs: submit, cancel, release, status.
internal sealed partial class SchedulerService
{
    /// <summary>Checks the graph, then runs the job; the request itself is not kept (its tasks can be many).</summary>
    public override Task SubmitGraph(SubmitGraphRequest request, IServerStreamWriter<JobEvent> responses, ServerCallContext context)
    {
        if (request.MaxAttempts < 0)
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"max_attempts is {request.MaxAttempts}; give at least 1, or 0 for the default ({options.MaxAttempts})"));
        JobGraph graph;
        try
        {
            graph = GraphCodec.ToGraph(request);
        }
        catch (InvalidGraphException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"invalid graph: {e.Message}"));
        }
        var maxAttempts = request.MaxAttempts == 0 ? options.MaxAttempts : request.MaxAttempts;
        return RunJobAsync(request.Name, graph, maxAttempts, request.TaskEvents, responses, context);
    }

    private async Task RunJobAsync(string name, JobGraph graph, int maxAttempts, bool taskEvents, IAsyncStreamWriter<JobEvent> responses, ServerCallContext context)
    {
        var stream = new JobStream();
        var job = await loop.InvokeAsync((core, now, dispatcher) =>
        {
            RefuseWhenStopping(dispatcher);
            var id = core.NewJobId();
            dispatcher.Attach(id, stream);
            dispatcher.Execute(core.Handle(new JobSubmitted(id, name, graph, maxAttempts, taskEvents), now));
            return id;
        }).ConfigureAwait(false);
        SchedulerLog.JobSubmitted(log, job.ToString(), name, graph.Count);
        try
        {
            await stream.WriteLoopAsync(responses, context.CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The client went away (cancelled, deadline, disconnected) before the end: nobody wants the job any more.
            if (!stream.Ended)
                loop.Post(new JobCancelled(job, "its client went away"));
        }
    }

    public override async Task<CancelReply> Cancel(CancelRequest request, ServerCallContext context)
    {
        var id = ParseJob(request.Job);
        var found = await loop.InvokeAsync((core, now, dispatcher) =>
        {
            switch (core.PhaseOf(id))
            {
                case JobPhase.Unknown:
                    throw new RpcException(new Status(StatusCode.NotFound, $"no job {id} was ever submitted"));
                case JobPhase.Ended:
                    return false;
                default:
                    dispatcher.Execute(core.Handle(new JobCancelled(id, "cancelled by a client"), now));
                    return true;
            }
        }).ConfigureAwait(false);
        return new CancelReply { Found = found };
    }

    public override async Task<ReleaseResultsReply> ReleaseResults(ReleaseResultsRequest request, ServerCallContext context)
    {
        var id = ParseJob(request.Job);
        await loop.InvokeAsync((core, now, dispatcher) =>
        {
            switch (core.PhaseOf(id))
            {
                case JobPhase.Unknown:
                    throw new RpcException(new Status(StatusCode.NotFound, $"no job {id} was ever submitted"));
                case JobPhase.Running:
                    throw new RpcException(new Status(StatusCode.FailedPrecondition, $"job {id} is still running: wait for it to finish, or cancel it"));
                case JobPhase.Finished:
                    dispatcher.Execute(core.Handle(new ResultsReleased(id, request.GatherFailure), now));
                    if (request.GatherFailure.Length == 0)
                        SchedulerLog.JobFinished(log, id.ToString());
                    break;
            }
            return true;
        }).ConfigureAwait(false);
        return new ReleaseResultsReply();
    }

    public override async Task<StatusReply> GetStatus(StatusRequest request, ServerCallContext context)
    {
        var status = await loop.InvokeAsync((core, now, _) => core.Status(now)).ConfigureAwait(false);
        return StatusCodec.ToProto(status);
    }

    private static JobId ParseJob(string text) =>
        JobId.TryParse(text, out var id) ? id : throw new RpcException(new Status(StatusCode.InvalidArgument, $"'{text}' is not a job id (they look like j-12)"));
}
