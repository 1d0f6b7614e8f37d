using FramesNet.Scheduler.Core;
using Microsoft.Extensions.Logging;

namespace FramesNet.Scheduler.Hosting;

/// <summary>
/// Carries out the core's commands: worker messages into that worker's connection, job events into that
/// job's stream. Owned by the loop's thread like the core; never waits on the network.
/// </summary>
internal sealed class CommandDispatcher(ILogger log)
{
    private readonly Dictionary<WorkerId, WorkerConnection> _workers = [];
    private readonly Dictionary<JobId, JobStream> _jobs = [];

    /// <summary>
    /// <see cref="StopAll"/> has run: workers and jobs arriving now are refused (a worker let go would
    /// otherwise register again here, with its old id taken, instead of with the next scheduler).
    /// </summary>
    public bool Stopping { get; private set; }

    public void Attach(WorkerConnection connection) => _workers[connection.Worker] = connection;

    public void Attach(JobId job, JobStream stream) => _jobs[job] = stream;

    public void Execute(IReadOnlyList<SchedulerCommand> commands)
    {
        foreach (var command in commands)
            Execute(command);
    }

    public void Execute(SchedulerCommand command)
    {
        switch (command)
        {
            case SendTasks send:
                Worker(send.Worker)?.Send(send);
                break;
            case SendRelease release:
                Worker(release.Worker)?.Send(release);
                break;
            case DisconnectWorker disconnect:
                if (_workers.Remove(disconnect.Worker, out var connection))
                {
                    connection.Close(disconnect.Reason);
                    SchedulerLog.WorkerRemoved(log, disconnect.Worker.ToString(), disconnect.Host, disconnect.Reason);
                }
                break;
            case NotifyFinished finished:
                SchedulerLog.JobResultsReady(log, finished.Job.ToString(), Math.Round(finished.Seconds, 3), finished.Results.Count);
                if (finished.Results.Count == 0)
                    SchedulerLog.JobFinished(log, finished.Job.ToString()); // nothing to gather
                End(finished.Job, finished);
                break;
            case NotifyFailed failed:
                SchedulerLog.JobFailed(log, failed.Job.ToString(), failed.Message);
                End(failed.Job, failed);
                break;
            case NotifyAccepted accepted:
                Job(accepted.Job)?.Send(accepted);
                break;
            case NotifyTask task:
                Job(task.Job)?.Send(task);
                break;
            case NotifyProgress progress:
                Job(progress.Job)?.Send(progress);
                break;
            default:
                throw new ArgumentException($"no dispatcher for {command.GetType().Name}", nameof(command));
        }
    }

    /// <summary>
    /// The scheduler stops: workers are told to shut down, or let go (they come back to the next scheduler);
    /// job streams end. Returns when the workers' streams are written.
    /// </summary>
    public Task StopAll(bool shutdownWorkers)
    {
        Stopping = true;
        var drained = _workers.Values.Select(c => c.Drained).ToList();
        foreach (var connection in _workers.Values)
        {
            if (shutdownWorkers)
                connection.Shutdown("the scheduler is stopping");
            else
                connection.LetGo("the scheduler is stopping; keep running and register again when it is back");
        }
        _workers.Clear();
        foreach (var stream in _jobs.Values)
            stream.Complete();
        _jobs.Clear();
        return Task.WhenAll(drained);
    }

    private WorkerConnection? Worker(WorkerId id) => _workers.GetValueOrDefault(id);

    private JobStream? Job(JobId id) => _jobs.GetValueOrDefault(id);

    private void End(JobId id, SchedulerCommand last)
    {
        if (_jobs.Remove(id, out var stream))
        {
            stream.Send(last);
            stream.Complete();
        }
    }
}
