namespace FramesNet.Scheduler.Core;

// Jobs: submission, the end (finished, failed, cancelled) and forgetting them.
internal sealed partial class SchedulerCore
{
    /// <summary>Where a job id stands, for the RPCs that name one.</summary>
    public JobPhase PhaseOf(JobId id) =>
        _jobs.TryGetValue(id, out var job) ? job.State == JobState.Running ? JobPhase.Running : JobPhase.Finished
        : id.Value >= 1 && id.Value < _nextJob ? JobPhase.Ended
        : JobPhase.Unknown;

    private void OnJobSubmitted(JobSubmitted e)
    {
        if (_jobs.ContainsKey(e.Job))
            throw new InvalidOperationException($"job {e.Job} was submitted already; take ids from NewJobId");
        var job = new JobInfo(e.Job, ++_jobSequence, e, _now);
        _jobs.Add(job.Id, job);
        _out.Add(new NotifyAccepted(job.Id, job.Tasks.Length));
        var graph = job.Graph;
        foreach (var output in graph.Outputs)
            job.Tasks[output.Task].IsResult = true;
        foreach (var task in job.Tasks)
        {
            task.PendingConsumers = graph.Consumers[task.Index].Length;
            task.WaitingOn = graph.Dependencies[task.Index].Length;
            if (!string.IsNullOrEmpty(task.Definition.FilePath))
                task.PinnedTo = _files.PinnedTo(task.Definition.FilePath);
        }
        if (job.Tasks.Length == 0)
        {
            FinishJob(job);
            return;
        }
        foreach (var task in job.Tasks)
        {
            if (task.WaitingOn == 0 && !job.Ended)
            {
                SetState(task, TaskState.Ready);
                Schedule(task);
            }
        }
    }

    private void OnJobCancelled(JobCancelled e)
    {
        if (!_jobs.TryGetValue(e.Job, out var job))
            return;
        if (job.State == JobState.Running)
            EndJob(job, JobState.Cancelled, null, $"job {job.Id} was cancelled: {e.Reason}");
        else
            ForgetJob(job);
    }

    private void OnResultsReleased(ResultsReleased e)
    {
        if (!_jobs.TryGetValue(e.Job, out var job) || job.State != JobState.Finished)
            return;
        if (string.IsNullOrEmpty(e.GatherFailure))
            ForgetJob(job);
        else
            EndJob(job, JobState.Failed, null, $"the client could not gather the results of job {job.Id}: {e.GatherFailure}");
    }

    /// <summary>Every task is done: the client gets the result's locations; the results stay until released.</summary>
    private void FinishJob(JobInfo job)
    {
        job.State = JobState.Finished;
        var outputs = job.Graph.Outputs;
        var results = new ResultLocation[outputs.Length];
        for (var i = 0; i < outputs.Length; i++)
        {
            var task = job.Tasks[outputs[i].Task];
            var bucket = outputs[i].Bucket;
            var holders = task.Holders;
            WorkerId[] workers;
            string[] addresses;
            if (holders.Count == 1)
            {
                workers = holders[0].SoleHolderIds;
                addresses = holders[0].SoleHolderAddresses;
            }
            else
            {
                workers = new WorkerId[holders.Count];
                addresses = new string[holders.Count];
                for (var h = 0; h < holders.Count; h++)
                {
                    workers[h] = holders[h].Id;
                    addresses[h] = holders[h].Address;
                }
            }
            var size = bucket < task.Outputs.Length ? task.Outputs[bucket] : default;
            results[i] = new ResultLocation(new PartitionRef(task.Key, bucket), workers, addresses, size.Rows, size.Bytes);
        }
        Progress(job);
        _out.Add(new NotifyFinished(job.Id, results, Seconds(job)));
        if (outputs.Length == 0)
            ForgetJob(job);
    }

    /// <summary>The task fails for good, and its job with it.</summary>
    private void Fail(TaskInfo task, string message, WorkerInfo? worker = null)
    {
        SetState(task, TaskState.Failed);
        Notify(task, TaskEventKind.Failed, worker, message);
        EndJob(task.Job, JobState.Failed, task.Key, message);
    }

    private void EndJob(JobInfo job, JobState state, TaskKey? task, string message)
    {
        job.State = state;
        job.Message = message;
        _out.Add(new NotifyFailed(job.Id, task, message));
        ForgetJob(job);
    }

    /// <summary>
    /// Drops a job: its outputs are released everywhere. Its tasks still on workers stay counted there
    /// (they occupy slots) until the workers report them; their outputs are then dropped.
    /// </summary>
    private void ForgetJob(JobInfo job)
    {
        _jobs.Remove(job.Id);
        Remember(job);
        foreach (var task in job.Tasks)
        {
            if (task.Holders.Count > 0)
                Release(task);
        }
        // Parked entries of the job are skipped lazily; a big backlog is swept now rather than kept.
        if (_ready.Count > 1024)
            _ready.Sweep();
        foreach (var worker in _connected)
        {
            if (worker.Queue.Count > 1024)
                worker.Queue.Sweep();
        }
    }

    private void Progress(JobInfo job)
    {
        job.ProgressChanged = false;
        _out.Add(new NotifyProgress(job.Id, job.Done, job.Tasks.Length, job.RowsRead, job.BytesRead, Seconds(job)));
    }

    /// <summary>Its output is still wanted: a consumer is not done, or it is a result of a running job.</summary>
    private static bool IsNeeded(TaskInfo task) => task.PendingConsumers > 0 || (task.IsResult && task.Job.State == JobState.Running);
}
