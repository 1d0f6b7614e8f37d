using System.Diagnostics;
using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Physical;
using FramesNet.Plan;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using Grpc.Net.Client;

namespace FramesNet.Cluster;

/// <summary>
/// Runs task graphs on a cluster: submits the graph to the scheduler, follows its events (progress,
/// task events, failure), then fetches the result partitions from the workers holding them, in order
/// (through shared files from workers on this machine), and releases them.
/// </summary>
public sealed class ClusterExecutor : IExecutor
{
    private readonly GrpcChannel _scheduler;
    private readonly ClusterOptions _options;
    private readonly WorkerChannels _workers;
    private readonly PartitionFetcher _fetcher = new();

    /// <summary>How this client has read result partitions (shared files or streams).</summary>
    internal PartitionFetcher Fetcher => _fetcher;

    internal ClusterExecutor(GrpcChannel scheduler, ClusterOptions options, WorkerChannels workers)
    {
        _scheduler = scheduler;
        _options = options;
        _workers = workers;
    }

    public Task<IReadOnlyList<IReadOnlyList<RecordBatch>>> ExecuteAsync(TaskGraph graph, IProgress<ExecutionProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(graph, progress, cancellationToken, async (finished, token) =>
        {
            IReadOnlyList<IReadOnlyList<RecordBatch>> results;
            try
            {
                results = await GatherAsync(finished, token).ConfigureAwait(false);
            }
            catch (ClusterJobException failure)
            {
                // The scheduler hears it too: the job ends failed, not finished, with this message.
                await ReleaseAsync(finished.Job, failure.Message).ConfigureAwait(false);
                throw;
            }
            await ReleaseAsync(finished.Job).ConfigureAwait(false);
            return results;
        });

    /// <summary>
    /// Runs the graph and leaves its results on the workers, held by the scheduler until the returned source is
    /// released (<see cref="DataFrame.Unpersist"/>): a persisted frame whose later jobs read them where they are.
    /// </summary>
    public Task<PersistedSource> PersistAsync(TaskGraph graph, FramesNet.Columns.Schema schema, IProgress<ExecutionProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(graph, progress, cancellationToken, (finished, _) => Task.FromResult(new PersistedSource(schema,
            finished.Results.Select(r => new StoredPartition(TaskSpecCodec.FromProto(r.Partition), [.. r.Addresses], r.Rows, r.Bytes)).ToList(),
            () => new ValueTask(ReleaseAsync(finished.Job)))));

    /// <summary>Submits the graph, follows its events, and hands the finished job to <paramref name="finish"/>.</summary>
    private async Task<T> RunAsync<T>(TaskGraph graph, IProgress<ExecutionProgress>? progress, CancellationToken cancellationToken,
        Func<JobFinished, CancellationToken, Task<T>> finish)
    {
        var request = new SubmitGraphRequest { Name = graph.Stages.LastOrDefault()?.Name ?? "job", TaskEvents = _options.TaskEvents };
        request.Tasks.AddRange(graph.Tasks.Select(TaskSpecCodec.ToGraphTask));
        request.Outputs.AddRange(graph.Outputs.Select(TaskSpecCodec.ToProto));
        request.StageNames.AddRange(graph.Stages.Select(s => s.Name));

        var clock = Stopwatch.StartNew();
        string? job = null;
        var done = 0;
        var (rowsRead, bytesRead) = (0L, 0L);
        // The caller's token, or the job's timeout: whichever comes first ends the job.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.JobTimeout is { } limit)
            ending.CancelAfter(limit);
        var token = ending.Token;
        using var call = SchedulerApi.Client(_scheduler).SubmitGraph(request, cancellationToken: token);
        try
        {
            await foreach (var e in call.ResponseStream.ReadAllAsync(token).ConfigureAwait(false))
            {
                switch (e.EventCase)
                {
                    case JobEvent.EventOneofCase.Accepted:
                        job = e.Accepted.Job;
                        break;
                    case JobEvent.EventOneofCase.Progress:
                        done = e.Progress.TasksDone;
                        (rowsRead, bytesRead) = (e.Progress.RowsRead, e.Progress.BytesRead);
                        progress?.Report(new ExecutionProgress(e.Progress.TasksDone, e.Progress.TasksTotal, e.Progress.RowsRead, e.Progress.BytesRead, clock.Elapsed));
                        break;
                    case JobEvent.EventOneofCase.Task:
                        _options.OnTaskEvent?.Invoke(new ClusterTaskEvent(e.Task.Task, e.Task.Kind.ToString().Replace("TaskEventKind", "").ToLowerInvariant(),
                            e.Task.WorkerId, e.Task.Host, e.Task.Attempt, e.Task.Message));
                        break;
                    case JobEvent.EventOneofCase.Failed:
                        throw new ClusterJobException(e.Failed.Job, e.Failed.Task, e.Failed.Message);
                    case JobEvent.EventOneofCase.Finished:
                        var result = await finish(e.Finished, token).ConfigureAwait(false);
                        progress?.Report(new ExecutionProgress(graph.Tasks.Count, graph.Tasks.Count, rowsRead, bytesRead, clock.Elapsed));
                        return result;
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

    /// <summary>
    /// Fetches every result partition, in order, from the first worker holding it that answers. A partition no
    /// worker could send fails the job with what the last one said (its message names the worker and why).
    /// </summary>
    private async Task<IReadOnlyList<IReadOnlyList<RecordBatch>>> GatherAsync(JobFinished finished, CancellationToken cancellationToken)
    {
        var fetches = finished.Results.Select(async location =>
        {
            var partition = TaskSpecCodec.FromProto(location.Partition);
            var failures = new List<string>();
            for (var i = 0; i < location.Addresses.Count; i++)
            {
                var address = location.Addresses[i];
                var worker = i < location.WorkerIds.Count ? $"{location.WorkerIds[i]} at {address}" : address;
                try
                {
                    return (IReadOnlyList<RecordBatch>)await _fetcher.FetchAsync(address, _workers.For(address), partition, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is RpcException or IOException or FormatException or HttpRequestException)
                {
                    // A worker gone or without the partition, or one that failed to send it: the next holder may have it.
                    failures.Add($"{worker}: {(e is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : e.Message)}");
                }
            }
            throw new ClusterJobException(finished.Job, partition.Task.Value,
                $"job {finished.Job}: result partition {partition} could not be gathered: {(failures.Count == 0 ? "no worker holds it" : string.Join("; ", failures))}");
        }).ToArray();
        return await Task.WhenAll(fetches).ConfigureAwait(false);
    }

    /// <summary>Lets the scheduler drop the results; <paramref name="gatherFailure"/> says the client could not gather them.</summary>
    private async Task ReleaseAsync(string job, string gatherFailure = "")
    {
        try
        {
            await SchedulerApi.Client(_scheduler).ReleaseResultsAsync(new ReleaseResultsRequest { Job = job, GatherFailure = gatherFailure },
                CallOptions.FromTimeout(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
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
            await SchedulerApi.Client(_scheduler).CancelAsync(new CancelRequest { Job = job }, CallOptions.FromTimeout(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // Closing the stream cancels the job too.
        }
    }
}
