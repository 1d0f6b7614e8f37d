using System.Globalization;
using FramesNet.Scheduler.Core;

namespace FramesNet.Scheduler.Tests.TestSupport;

/// <summary>Commands as short lines, the oracle of the core tests: "run w-1: a b", "release w-2: c", "finished j-1: c@w-1".</summary>
internal static class CommandText
{
    public static string[] Format(IEnumerable<SchedulerCommand> commands) => [.. commands.Select(Format)];

    public static string Format(SchedulerCommand command) => command switch
    {
        SendTasks run => $"run {run.Worker}: {string.Join(' ', run.Tasks.Select(t => t.Task))}",
        SendRelease release => $"release {release.Worker}: {string.Join(' ', release.Tasks)}",
        DisconnectWorker disconnect => $"disconnect {disconnect.Worker}: {disconnect.Reason}",
        NotifyAccepted accepted => $"accepted {accepted.Job}: {accepted.Tasks} tasks",
        NotifyTask task => $"{task.Job} {task.Task} {task.Kind.ToString().ToLowerInvariant()}{(task.Worker is { } w ? " " + w : "")}"
            + (task.Message.Length > 0 ? ": " + task.Message : ""),
        NotifyProgress progress => $"progress {progress.Job}: {progress.TasksDone}/{progress.TasksTotal}",
        NotifyFinished finished => $"finished {finished.Job}:"
            + string.Concat(finished.Results.Select(r => $" {r.Partition}@{string.Join(',', r.Workers)}")),
        NotifyFailed failed => $"failed {failed.Job}{(failed.Task is { } t ? " " + t : "")}: {failed.Message}",
        _ => command.ToString() ?? "",
    };

    public static string Seconds(double seconds) => seconds.ToString("F1", CultureInfo.InvariantCulture);
}
