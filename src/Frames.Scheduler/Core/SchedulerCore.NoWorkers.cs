using System.Globalization;

namespace FramesNet.Scheduler.Core;

// Jobs that cannot run because no worker is connected: they wait a bounded time, then fail saying why.
internal sealed partial class SchedulerCore
{
    /// <summary>
    /// With no worker connected, a running job fails once it has waited <see cref="SchedulerSettings.NoWorkersTimeout"/>:
    /// counted from when the last worker went, or from its submission when that is later (a job submitted to a
    /// scheduler without workers gets the whole wait).
    /// </summary>
    private void FailJobsWithoutWorkers()
    {
        var timeout = _settings.NoWorkersTimeout;
        if (_connected.Count > 0 || _jobs.Count == 0 || timeout == Timeout.InfiniteTimeSpan)
            return;
        List<JobInfo>? starved = null;
        foreach (var job in _jobs.Values)
        {
            if (job.State == JobState.Running && _now - WaitingSince(job) >= timeout)
                (starved ??= []).Add(job);
        }
        if (starved is null)
            return;
        foreach (var job in starved)
            EndJob(job, JobState.Failed, null, NoWorkersMessage(job));
    }

    private DateTimeOffset WaitingSince(JobInfo job) =>
        _lastWorkerGone is { At: var gone } && gone > job.SubmittedAt ? gone : job.SubmittedAt;

    private string NoWorkersMessage(JobInfo job)
    {
        var total = job.Tasks.Length;
        var remaining = total - job.Done;
        var tasks = remaining == total ? $"the job's {total} tasks cannot run" : $"{remaining} of the job's {total} tasks cannot run";
        var what = _lastWorkerGone is { } gone
            ? $"no worker has been connected for {WholeSeconds(_now - gone.At)} s (the last: {gone.Loss})"
            : $"no worker has connected to the scheduler in the {WholeSeconds(_now - job.SubmittedAt)} s since job {job.Id} was submitted";
        return $"{what}; {tasks}. Start frames-worker processes with --scheduler pointing at this scheduler, or see in their logs why they stopped "
            + $"(the scheduler's --no-workers-timeout is {WholeSeconds(_settings.NoWorkersTimeout)} s)";
    }

    private static string WholeSeconds(TimeSpan span) => Math.Round(span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
