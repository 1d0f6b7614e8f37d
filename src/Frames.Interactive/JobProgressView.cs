using System.Globalization;
using FramesNet.Execution;

namespace FramesNet.Interactive;

/// <summary>The state of a job as its notebook output shows it; replaced in place as the job goes on.</summary>
public sealed record JobProgressView(JobStart Job, ExecutionProgress Progress, JobProgressState State, string? Error = null)
{
    private string Where => Job.OnCluster ? "on the cluster" : "in this process";

    private string Verb => State switch
    {
        JobProgressState.Running => "running",
        JobProgressState.Finished => "finished",
        JobProgressState.Failed => "failed",
    };

    /// <summary><c>Collect in this process, running: 3/8 tasks, 1,234 rows, 0.1 MB read, 0.4 s</c>.</summary>
    public override string ToString() =>
        $"{Job.Action} {Where}, {Verb}: {Progress}" + (Error is null ? "" : $" — {Error}");

    internal static void WriteHtml(JobProgressView view, TextWriter writer)
    {
        var total = Math.Max(view.Progress.TasksTotal, 1);
        var done = Math.Min(view.Progress.TasksDone, total);
        writer.Write("<div class=\"frames-progress\">");
        writer.Write($"<progress value=\"{done.ToString(CultureInfo.InvariantCulture)}\" max=\"{total.ToString(CultureInfo.InvariantCulture)}\"></progress> ");
        writer.Write(Html.Encode($"{view.Job.Action} {view.Where}, {view.Verb}: {view.Progress}"));
        if (view.Error is not null)
            writer.Write($"<br/><b>{Html.Encode(view.Error)}</b>");
        writer.Write("</div>");
    }
}

/// <summary>Where a job shown by <see cref="JobProgressView"/> stands.</summary>
public enum JobProgressState
{
    Running,
    Finished,
    Failed,
}
