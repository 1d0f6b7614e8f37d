using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using FramesNet.Scheduler.Core;

namespace FramesNet.Scheduler.Hosting;

// Client calls about files: they are answered by the workers, which see the files.
internal sealed partial class SchedulerService
{
    private readonly record struct WorkerAddress(WorkerId Id, string Host, string Address)
    {
        public override string ToString() => $"{Id} (host {Host})";
    }

    /// <summary>
    /// Asks every connected worker in parallel (within the call's deadline and the worker-call timeout),
    /// merges the answers by path, and remembers who sees what for placement. Workers that fail are left
    /// out (and logged); only when none answers does the call fail.
    /// </summary>
    public override async Task<ListFilesReply> ListFiles(ListFilesRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Pattern))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the file pattern is empty"));
        var workers = await ConnectedWorkersAsync().ConfigureAwait(false);
        var deadline = Deadline(context);
        var calls = workers.Select(async worker =>
        {
            try
            {
                var reply = await WorkerApi.Client(channels.For(worker.Address))
                    .ListFilesAsync(request, deadline: deadline, cancellationToken: context.CancellationToken)
                    .ResponseAsync.ConfigureAwait(false);
                return (worker, reply, error: (RpcException?)null);
            }
            catch (RpcException e)
            {
                SchedulerLog.WorkerCallFailed(log, worker.Id.ToString(), worker.Host, "ListFiles", e.Status.Text);
                return (worker, reply: (ListFilesReply?)null, error: e);
            }
        }).ToList();
        var answers = await Task.WhenAll(calls).ConfigureAwait(false);
        context.CancellationToken.ThrowIfCancellationRequested();

        var answered = answers.Where(a => a.reply is not null).ToList();
        if (answered.Count == 0)
        {
            var errors = string.Join("; ", answers.Select(a => $"{a.worker}: {a.error!.Status.Text}"));
            throw new RpcException(new Status(StatusCode.Unavailable, $"no worker answered ListFiles: {errors}"));
        }
        var merged = FileListing.Merge(answered.Select(a =>
            (a.worker.Id, a.worker.Host, (IReadOnlyList<FileStat>)[.. a.reply!.Files.Select(f => new FileStat(f.Path, f.Size, f.ModifiedTicks))])));
        loop.Post(new FilesListed(merged, [.. answered.Select(a => a.worker.Id)]));

        var reply = new ListFilesReply();
        foreach (var file in merged)
        {
            var entry = new FileEntry { Path = file.Path, Size = file.Size, ModifiedTicks = file.ModifiedTicks };
            entry.WorkerIds.AddRange(file.Workers.Select(w => w.ToString()));
            entry.Hosts.AddRange(file.Hosts);
            reply.Files.Add(entry);
        }
        return reply;
    }

    public override Task<DescribeFilesReply> DescribeFiles(DescribeFilesRequest request, ServerCallContext context) =>
        request.Paths.Count == 0
            ? throw new RpcException(new Status(StatusCode.InvalidArgument, $"no paths given: name at least one {request.Format} file"))
            : RelayToFileHolderAsync("DescribeFiles", (worker, options) => worker.DescribeFilesAsync(request, options), request.Paths[0], context);

    /// <summary>Relays the call to a worker that sees <paramref name="first"/> (any connected worker when none is known to).</summary>
    private async Task<TReply> RelayToFileHolderAsync<TReply>(string method, Func<Rpc.Protocol.Worker.WorkerClient, CallOptions, AsyncUnaryCall<TReply>> call,
        string first, ServerCallContext context)
    {
        var worker = await loop.InvokeAsync((core, _, _) => core.WorkerForFile(first) is { } w ? new WorkerAddress(w.Id, w.Host, w.Address) : (WorkerAddress?)null)
            .ConfigureAwait(false) ?? throw NoWorkers();
        try
        {
            return await call(WorkerApi.Client(channels.For(worker.Address)), new CallOptions(deadline: Deadline(context), cancellationToken: context.CancellationToken))
                .ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            SchedulerLog.WorkerCallFailed(log, worker.Id.ToString(), worker.Host, method, e.Status.Text);
            throw new RpcException(new Status(e.StatusCode, $"{worker}: {e.Detail}"));
        }
    }

    private async Task<List<WorkerAddress>> ConnectedWorkersAsync()
    {
        var workers = await loop.InvokeAsync((core, _, _) => core.ConnectedWorkers().Select(w => new WorkerAddress(w.Id, w.Host, w.Address)).ToList())
            .ConfigureAwait(false);
        return workers.Count > 0 ? workers : throw NoWorkers();
    }

    private static RpcException NoWorkers() => new(new Status(StatusCode.Unavailable, "no worker is connected to the scheduler"));

    /// <summary>The caller's deadline, or the worker-call timeout if that comes first.</summary>
    private DateTime Deadline(ServerCallContext context)
    {
        var own = DateTime.UtcNow + options.WorkerCallTimeout;
        return context.Deadline < own ? context.Deadline : own;
    }
}
