using System.Diagnostics;
using FramesNet.Cluster;
using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Physical;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Files;
using FramesNet.Worker.Store;
using PartitionRef = FramesNet.Physical.PartitionRef;

namespace FramesNet.Worker.Execution;

/// <summary>
/// Runs one task (docs/cluster.md, "Running a task"): decode its spec, check its file is under the data
/// roots, gather its inputs, run <see cref="TaskRunner"/> on a thread of its own, store every output
/// bucket under (task, bucket), and say how it went.
/// </summary>
internal sealed class TaskExecutor(PartitionStore store, IPartitionSource inputs, DataRoots roots) : ITaskExecutor
{
    public async Task<TaskOutcome> RunAsync(RunTask run, SharedTaskState shared, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        TaskNode task;
        try
        {
            task = TaskSpecCodec.Decode(run);
        }
        catch (Exception e)
        {
            return Failure(run.Task, $"cannot decode the task's spec: {e.Message}", "decode", "");
        }
        if (task.Source is ScanPartition { FilePath: { } path } && !roots.Allows(path))
            return Failure(run.Task, $"permission denied: {roots.Refusal(path)}", "scan", path);
        FaultInjection.CrashIfPoisoned(task);
        if (AlreadyStored(task) is { } stored)
            return stored;

        var held = new List<InputPartition>();
        try
        {
            var missing = new List<Rpc.Protocol.PartitionRef>();
            var inputBatches = await GatherAsync(run.Inputs, held, missing, cancellationToken);
            var sideBatches = new List<IReadOnlyList<RecordBatch>>(run.SideInputs.Count);
            foreach (var side in run.SideInputs)
                sideBatches.Add((await GatherAsync(side.Partitions, held, missing, cancellationToken)).SelectMany(b => b).ToArray());
            if (missing.Count > 0)
            {
                var failure = new TaskFailure { Task = run.Task, Message = $"inputs not available from any holder: {string.Join(", ", missing.Select(m => $"{m.Task}[{m.Bucket}]"))}" };
                failure.MissingInputs.AddRange(missing);
                return new TaskOutcome.Failed(failure);
            }

            var context = new TaskContext(task, inputBatches, sideBatches, shared, cancellationToken);
            var output = await OnOwnThread(() => TaskRunner.Run(task, context));
            var done = new TaskDone { Task = run.Task, RowsRead = context.RowsRead, BytesRead = context.BytesRead };
            var schema = task.OutputSchema;
            for (var bucket = 0; bucket < output.Length; bucket++)
            {
                var (rows, bytes) = store.Put(new PartitionRef(task.Key, bucket), schema, output[bucket]);
                done.Outputs.Add(new TaskOutputInfo { Bucket = bucket, Rows = rows, Bytes = bytes });
            }
            done.Seconds = clock.Elapsed.TotalSeconds;
            return new TaskOutcome.Done(done);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new TaskOutcome.Cancelled();
        }
        catch (TaskFailedException e)
        {
            return Failure(run.Task, e.InnerException?.Message ?? e.Message, e.Operator, e.Input);
        }
        catch (Exception e)
        {
            return Failure(run.Task, e.Message, "", "");
        }
        finally
        {
            foreach (var input in held)
                input.Dispose();
        }
    }

    /// <summary>The partitions of <paramref name="locations"/>, in order; those nobody could supply are added to <paramref name="missing"/>.</summary>
    private async Task<List<IReadOnlyList<RecordBatch>>> GatherAsync(IReadOnlyList<InputLocation> locations, List<InputPartition> held,
        List<Rpc.Protocol.PartitionRef> missing, CancellationToken cancellationToken)
    {
        var fetches = locations.Select(l => inputs.GetAsync(TaskSpecCodec.FromProto(l.Partition), l.Addresses, cancellationToken)).ToArray();
        var results = new List<IReadOnlyList<RecordBatch>>(fetches.Length);
        for (var i = 0; i < fetches.Length; i++)
        {
            var input = await fetches[i];
            if (input is null)
            {
                missing.Add(locations[i].Partition);
                results.Add([]);
                continue;
            }
            held.Add(input);
            results.Add(input.Batches);
        }
        return results;
    }

    /// <summary>A task sent again whose every bucket this worker still holds (after a reconnect) is done at once.</summary>
    private TaskOutcome? AlreadyStored(TaskNode task)
    {
        var done = new TaskDone { Task = task.Key.Value };
        for (var bucket = 0; bucket < task.Sink.Buckets; bucket++)
        {
            using var lease = store.TryAcquire(new PartitionRef(task.Key, bucket));
            if (lease is null)
                return null;
            done.Outputs.Add(new TaskOutputInfo { Bucket = bucket, Rows = lease.Rows, Bytes = lease.Bytes });
        }
        return new TaskOutcome.Done(done);
    }

    private static Task<T> OnOwnThread<T>(Func<T> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static TaskOutcome.Failed Failure(string task, string message, string op, string input) =>
        new(new TaskFailure { Task = task, Message = message, Operator = op, Input = input });
}
