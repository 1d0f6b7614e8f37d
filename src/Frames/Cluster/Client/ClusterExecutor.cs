using System.Diagnostics;
using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Physical;
using FramesNet.Rpc;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;

namespace FramesNet.Cluster;

/// <summary>
/// Runs task graphs on a cluster: submits the graph to the scheduler, follows its events (progress,
/// task events, failure), then fetches the result partitions from the workers holding them, in order
/// (through shared files from workers on this machine), and releases them.
/// </summary>
public sealed class ClusterExecutor : IExecutor
{
    private readonly RpcChannel _scheduler;
    private readonly ClusterOptions _options;
    private readonly WorkerChannels _workers;
    private readonly PartitionFetcher _fetcher = new();

    internal ClusterExecutor(RpcChannel scheduler, ClusterOptions options, WorkerChannels workers)
    {
        _scheduler = scheduler;
        _options = options;
        _workers = workers;
    }

    public async Task<IReadOnlyList<IReadOnlyList<RecordBatch>>> ExecuteAsync(TaskGraph graph, IProgress<ExecutionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var request = new SubmitGraphRequest { Name = graph.Stages.LastOrDefault()?.Name ?? "job", TaskEvents = _options.TaskEvents };
        request.Tasks.AddRange(graph.Tasks.Select(TaskSpecCodec.ToGraphTask));
        request.Outputs.AddRange(graph.Outputs.Select(TaskSpecCodec.ToProto));
        request.StageNames.AddRange(graph.Stages.Select(s => s.Name));

        var clock = Stopwatch.StartNew();
        string? job = null;
        var done = 0;
        // The caller's token, or the job's timeout: whichever comes first ends the job.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.JobTimeout is { } limit)
            ending.CancelAfter(limit);
        var token = ending.Token;
        using var call = _scheduler.ServerStreaming(SchedulerApi.SubmitGraph, request, new CallOptions(CancellationToken: token));
        try
        {
            await foreach (var e in call.ReadAllAsync(token).ConfigureAwait(false))
            {
                switch (e.EventCase)
                {
                    case JobEvent.EventOneofCase.Accepted:
                        job = e.Accepted.Job;
                        break;
                    case JobEvent.EventOneofCase.Progress:
                        done = e.Progress.TasksDone;
                        progress?.Report(new ExecutionProgress(e.Progress.TasksDone, e.Progress.TasksTotal, e.Progress.RowsRead, e.Progress.BytesRead, clock.Elapsed));
                        break;
                    case JobEvent.EventOneofCase.Task:
                        _options.OnTaskEvent?.Invoke(new ClusterTaskEvent(e.Task.Task, e.Task.Kind.ToString().Replace("TaskEventKind", "").ToLowerInvariant(),
                            e.Task.WorkerId, e.Task.Host, e.Task.Attempt, e.Task.Message));
                        break;
                    case JobEvent.EventOneofCase.Failed:
                        throw new ClusterJobException(e.Failed.Job, e.Failed.Task, e.Failed.Message);
                    case JobEvent.EventOneofCase.Finished:
                        var results = await GatherAsync(e.Finished, token).ConfigureAwait(false);
                        progress?.Report(new ExecutionProgress(graph.Tasks.Count, graph.Tasks.Count, 0, 0, clock.Elapsed));
                        await ReleaseAsync(e.Finished.Job).ConfigureAwait(false);
                        return results;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled } && token.IsCancellationRequested)
        {
            if (job is not null)
                await CancelAsync(job).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
                throw;
            throw new TimeoutException(
                $"job {job ?? "(not yet accepted)"} did not finish within {_options.JobTimeout!.Value.TotalSeconds:0.###} s (ClusterOptions.JobTimeout) "
                + $"with {done} of {graph.Tasks.Count} tasks done; it was cancelled", e);
        }
        throw new ClusterJobException(job ?? "", "", "the scheduler ended the job's event stream without a result (did it stop?)");
    }

    /// <summary>Fetches every result partition, in order, from the first worker holding it that answers.</summary>
    private async Task<IReadOnlyList<IReadOnlyList<RecordBatch>>> GatherAsync(JobFinished finished, CancellationToken cancellationToken)
    {
        var fetches = finished.Results.Select(async location =>
        {
            var partition = TaskSpecCodec.FromProto(location.Partition);
            Exception? last = null;
            foreach (var address in location.Addresses)
            {
                try
                {
                    return (IReadOnlyList<RecordBatch>)await _fetcher.FetchAsync(address, _workers.For(address), partition, cancellationToken).ConfigureAwait(false);
                }
                catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.NotFound)
                {
                    last = e;
                }
            }
            throw new ClusterJobException(finished.Job, partition.Task.Value,
                $"result partition {partition} could not be fetched from {string.Join(", ", location.WorkerIds.Zip(location.Addresses, (id, at) => $"{id} at {at}"))}: {last?.Message ?? "no worker holds it"}");
        }).ToArray();
        return await Task.WhenAll(fetches).ConfigureAwait(false);
    }

    private async Task ReleaseAsync(string job)
    {
        try
        {
            await _scheduler.UnaryAsync(SchedulerApi.ReleaseResults, new ReleaseResultsRequest { Job = job }, CallOptions.FromTimeout(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // The scheduler also releases results when the job's stream ends; nothing is lost.
        }
    }

    private async Task CancelAsync(string job)
    {
        try
        {
            await _scheduler.UnaryAsync(SchedulerApi.Cancel, new CancelRequest { Job = job }, CallOptions.FromTimeout(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // Closing the stream cancels the job too.
        }
    }
}
