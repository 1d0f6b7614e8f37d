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
            var reasons = new List<string>();
            var inputBatches = await GatherAsync(run.Inputs, held, missing, reasons, cancellationToken);
            if (task.Source is Physical.StoredPartitionScan { Stored: var persisted })
            {
                // A persisted partition: from this worker's store, else from a worker holding it; nothing recomputes it.
                var failures = new List<string>();
                var input = await inputs.GetAsync(persisted.Partition, persisted.Addresses, failures, cancellationToken);
                if (input is null)
                    return Failure(run.Task, $"the persisted partition {persisted.Partition} is held by none of its workers any more " +
                        $"({string.Join("; ", failures.DefaultIfEmpty(string.Join(", ", persisted.Addresses)))}): persist the frame again", "scan", persisted.Partition.ToString());
                held.Add(input);
                inputBatches = [input.Batches];
            }
            var sideBatches = new List<IReadOnlyList<RecordBatch>>(run.SideInputs.Count);
            foreach (var side in run.SideInputs)
                sideBatches.Add((await GatherAsync(side.Partitions, held, missing, reasons, cancellationToken)).SelectMany(b => b).ToArray());
            if (missing.Count > 0)
            {
                // What the holders said travels with the report, so a job that fails for it says why.
                var why = reasons.Count == 0 ? "" : $" ({string.Join("; ", reasons.Distinct().Take(3))})";
                var failure = new TaskFailure { Task = run.Task, Message = $"inputs not available from any holder: {string.Join(", ", missing.Select(m => $"{m.Task}[{m.Bucket}]"))}{why}" };
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
        List<Rpc.Protocol.PartitionRef> missing, List<string> reasons, CancellationToken cancellationToken)
    {
        var failures = locations.Select(_ => new List<string>()).ToArray();
        var fetches = locations.Select((l, i) => inputs.GetAsync(TaskSpecCodec.FromProto(l.Partition), l.Addresses, failures[i], cancellationToken)).ToArray();
        var results = new List<IReadOnlyList<RecordBatch>>(fetches.Length);
        for (var i = 0; i < fetches.Length; i++)
        {
            var input = await fetches[i];
            if (input is null)
            {
                missing.Add(locations[i].Partition);
                reasons.AddRange(failures[i]);
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
