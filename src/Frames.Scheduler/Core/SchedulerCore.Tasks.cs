namespace FramesNet.Scheduler.Core;

// What workers report about tasks: started, finished, failed.
internal sealed partial class SchedulerCore
{
    /// <summary>A task whose inputs cannot be fetched this many times (per allowed attempt) fails its job.</summary>
    private const int MissingInputReportsPerAttempt = 2;

    private void OnTasksStarted(TasksStarted e)
    {
        if (Heard(e.Worker) is not { } worker)
            return;
        foreach (var key in e.Tasks)
        {
            if (worker.Assigned.TryGetValue(key, out var task) && task.State == TaskState.Queued && !task.Job.Ended)
                Start(task, worker);
        }
    }

    private void Start(TaskInfo task, WorkerInfo worker)
    {
        SetState(task, TaskState.Running);
        worker.RunningCount++;
        if (task.Job.TaskEvents)
            Notify(task, TaskEventKind.Started, worker);
    }

    private void OnTasksFinished(TasksFinished e)
    {
        if (Heard(e.Worker) is not { } worker)
            return;
        foreach (var completion in e.Tasks)
            Complete(worker, completion);
    }

    private void Complete(WorkerInfo worker, TaskCompletion completion)
    {
        if (!worker.Assigned.TryGetValue(completion.Task, out var task))
        {
            // Not ours (a duplicate report, or a task we never sent): its output is nobody's.
            if (!worker.HeldKeys.ContainsKey(completion.Task))
                ReleasesFor(worker).Add(completion.Task);
            return;
        }
        if (task.State == TaskState.Queued && !task.Job.Ended)
            Start(task, worker);
        RemoveAssignment(worker, task);
        var job = task.Job;
        if (job.Ended)
        {
            if (!worker.HeldKeys.ContainsKey(task.Key))
                ReleasesFor(worker).Add(task.Key);
            return;
        }

        SetState(task, TaskState.Done);
        task.Outputs = ToBuckets(completion.Outputs, job.Graph.Buckets[task.Index]);
        AddHolder(task, worker);
        job.RowsRead += completion.RowsRead;
        job.BytesRead += completion.BytesRead;
        if (job.TaskEvents)
            _out.Add(new NotifyTask(job.Id, task.Key, TaskEventKind.Finished, worker.Id, worker.Host, task.Attempt, "", completion.Seconds, completion.RowsRead, completion.BytesRead));

        var graph = job.Graph;
        foreach (var consumer in graph.Consumers[task.Index])
        {
            var waiting = job.Tasks[consumer];
            if (waiting.State == TaskState.Waiting && --waiting.WaitingOn == 0)
            {
                SetState(waiting, TaskState.Ready);
                Schedule(waiting);
            }
        }
        foreach (var dependency in graph.Dependencies[task.Index])
        {
            var input = job.Tasks[dependency];
            if (--input.PendingConsumers == 0 && !input.IsResult)
                Release(input);
        }
        if (task.PendingConsumers == 0 && !task.IsResult)
            Release(task);
        if (job.Done == job.Tasks.Length && !job.Ended)
            FinishJob(job);
    }

    private static TaskOutput[] ToBuckets(IReadOnlyList<TaskOutput> reported, int buckets)
    {
        if (reported.Count == 0)
            return [];
        var outputs = new TaskOutput[buckets];
        foreach (var output in reported)
        {
            if (output.Bucket >= 0 && output.Bucket < buckets)
                outputs[output.Bucket] = output;
        }
        return outputs;
    }

    private void OnTaskFailed(TaskFailed e)
    {
        if (Heard(e.Worker) is not { } worker || !worker.Assigned.TryGetValue(e.Failure.Task, out var task))
            return;
        RemoveAssignment(worker, task);
        if (task.Job.Ended)
            return;
        var failure = e.Failure;
        if (failure.MissingInputs.Count == 0)
        {
            Fail(task, OwnFailureMessage(task, worker, failure), worker);
            return;
        }

        task.MissingInputReports++;
        var missing = string.Join(", ", failure.MissingInputs);
        if (task.MissingInputReports >= MissingInputReportsPerAttempt * task.Job.MaxAttempts)
        {
            Fail(task, $"task {task.Key} failed: {task.MissingInputReports} times its inputs could not be fetched (last: {missing} on {worker.Describe()}: {failure.Message})", worker);
            return;
        }
        // Every holder the worker was sent to failed it: none of them counts as a copy any more. A copy made
        // after the task was sent was not among them (it runs again with fresh addresses). All lost copies are
        // marked before anything is recomputed, so nothing is placed reading one of them.
        List<TaskInfo>? lost = null;
        foreach (var partition in failure.MissingInputs)
        {
            if (task.Job.Find(partition.Task) is { State: TaskState.Done } input && input != task && input.HoldersAddedAt < task.AssignedAt
                && input.Holders.Count > 0)
            {
                Release(input);
                (lost ??= []).Add(input);
            }
        }
        if (lost is not null)
            OutputsLost(lost, $"{worker.Describe()} could not fetch it");
        Notify(task, TaskEventKind.Rescheduled, worker, $"input {missing} could not be fetched");
        Requeue(task);
    }

    private static string OwnFailureMessage(TaskInfo task, WorkerInfo worker, TaskFailureReport failure)
    {
        var message = $"task {task.Key} failed on {worker.Describe()}: {failure.Message}";
        var where = (failure.Operator.Length > 0 ? $"operator: {failure.Operator}" : "")
            + (failure.Operator.Length > 0 && failure.Input.Length > 0 ? "; " : "")
            + (failure.Input.Length > 0 ? $"input: {failure.Input}" : "");
        return where.Length > 0 ? $"{message} ({where})" : message;
    }

    /// <summary>
    /// Finished tasks whose outputs have no copy left and are still needed. First every consumer learns of
    /// every loss (waiting ones wait for one more input, ready ones go back to waiting), then each is
    /// computed again (its own lost inputs first): in that order nothing is placed reading a lost copy.
    /// </summary>
    private void OutputsLost(List<TaskInfo> tasks, string why)
    {
        foreach (var task in tasks)
        {
            var job = task.Job;
            foreach (var consumer in job.Graph.Consumers[task.Index])
            {
                var reader = job.Tasks[consumer];
                if (reader.State == TaskState.Waiting)
                {
                    reader.WaitingOn++;
                }
                else if (reader.State == TaskState.Ready)
                {
                    SetState(reader, TaskState.Waiting);
                    reader.WaitingOn = 1;
                }
            }
        }
        foreach (var task in tasks)
        {
            // A lost input of another lost task may have been sent back already, from that task's Requeue.
            if (task.State == TaskState.Done && !task.Job.Ended)
                Recompute(task, why);
        }
    }

    /// <summary>Sends a Done task without copies back to run again; it stops counting as its inputs' finished consumer.</summary>
    private void Recompute(TaskInfo task, string why)
    {
        var job = task.Job;
        foreach (var dependency in job.Graph.Dependencies[task.Index])
            job.Tasks[dependency].PendingConsumers++;
        Notify(task, TaskEventKind.Rescheduled, null, $"output lost: {why}");
        Requeue(task);
    }

    /// <summary>
    /// Back to Ready (and placed) when every input is available, else to Waiting; an input that is Done but
    /// has no copy left (released or lost) is recomputed first.
    /// </summary>
    private void Requeue(TaskInfo task)
    {
        var job = task.Job;
        var waiting = 0;
        foreach (var dependency in job.Graph.Dependencies[task.Index])
        {
            var input = job.Tasks[dependency];
            if (input.IsAvailable)
                continue;
            waiting++;
            if (input.State == TaskState.Done)
                Recompute(input, "needed again");
        }
        task.WaitingOn = waiting;
        if (waiting > 0)
        {
            SetState(task, TaskState.Waiting);
            return;
        }
        SetState(task, TaskState.Ready);
        Schedule(task);
    }
}
