using FramesNet.Execution;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace FramesNet.Interactive;

/// <summary>
/// One job's output in the cell that started it: displayed once when the job starts, then replaced in place
/// (the same display id) as progress arrives, at most every <see cref="UpdateInterval"/>, and a last time when it ends.
/// </summary>
internal sealed class NotebookJobWatch : IJobWatch
{
    public static readonly TimeSpan UpdateInterval = TimeSpan.FromMilliseconds(200);

    private static readonly string[] MimeTypes = [HtmlFormatter.MimeType, PlainTextFormatter.MimeType];

    private readonly Lock _gate = new();
    private readonly JobStart _job;
    private readonly KernelInvocationContext _context;
    private readonly TimeProvider _clock;
    private readonly string _displayId = Guid.NewGuid().ToString("N");
    private ExecutionProgress _last;
    private long _lastShown;
    private bool _finished;

    private NotebookJobWatch(JobStart job, KernelInvocationContext context, TimeProvider clock)
    {
        _job = job;
        _context = context;
        _clock = clock;
        _last = new ExecutionProgress(0, job.TasksTotal, 0, 0, TimeSpan.Zero);
    }

    public static NotebookJobWatch Start(JobStart job, KernelInvocationContext context, TimeProvider clock)
    {
        var watch = new NotebookJobWatch(job, context, clock);
        var view = new JobProgressView(job, watch._last, JobProgressState.Running);
        context.Publish(new DisplayedValueProduced(view, context.Command, FormattedValue.CreateManyFromObject(view, MimeTypes), watch._displayId));
        watch._lastShown = clock.GetTimestamp();
        return watch;
    }

    public void Report(ExecutionProgress value)
    {
        lock (_gate)
        {
            if (_finished)
                return;
            // A cluster's last report carries no read counts: keep the largest seen.
            _last = value with { RowsRead = Math.Max(value.RowsRead, _last.RowsRead), BytesRead = Math.Max(value.BytesRead, _last.BytesRead) };
            var now = _clock.GetTimestamp();
            if (_clock.GetElapsedTime(_lastShown, now) < UpdateInterval)
                return;
            _lastShown = now;
            Show(new JobProgressView(_job, _last, JobProgressState.Running));
        }
    }

    public void Finished(Exception? error)
    {
        lock (_gate)
        {
            if (_finished)
                return;
            _finished = true;
            Show(error is null
                ? new JobProgressView(_job, _last with { TasksDone = _last.TasksTotal }, JobProgressState.Finished)
                : new JobProgressView(_job, _last, JobProgressState.Failed, error.Message));
        }
    }

    private void Show(JobProgressView view)
    {
        if (_context.IsComplete)
            return;
        _context.Publish(new DisplayedValueUpdated(view, _displayId, _context.Command, FormattedValue.CreateManyFromObject(view, MimeTypes)));
    }
}
