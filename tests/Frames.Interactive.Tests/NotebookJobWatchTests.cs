using FramesNet.Execution;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.Extensions.Time.Testing;

namespace FramesNet.Interactive.Tests;

/// <summary>
/// A job's notebook output: produced once when the job starts, then replaced in place (the same display id) no more
/// often than <see cref="NotebookJobWatch.UpdateInterval"/>, and always a last time saying how it ended. Driven by a
/// fake clock inside a real kernel command.
/// </summary>
public sealed class NotebookJobWatchTests
{
    private static readonly JobStart Job = new(JobAction.Collect, 4, OnCluster: false);

    private static ExecutionProgress Done(int tasks, long rows = 0) => new(tasks, 4, rows, rows * 10, TimeSpan.FromSeconds(tasks));

    /// <summary>Runs <paramref name="job"/> as the handler of a submitted cell and returns the events the cell produced.</summary>
    private static async Task<IReadOnlyList<DisplayEvent>> RunInCellAsync(Action<KernelInvocationContext> job)
    {
        using var kernel = new CompositeKernel();
        kernel.RegisterCommandHandler<SubmitCode>((_, context) =>
        {
            job(context);
            return Task.CompletedTask;
        });
        var result = await kernel.SendAsync(new SubmitCode("a cell"));
        Assert.DoesNotContain(result.Events, e => e is CommandFailed);
        return result.Events.OfType<DisplayEvent>().Where(e => e.Value is JobProgressView).ToList();
    }

    [Fact]
    public async Task Progress_updates_one_output_at_most_every_interval_and_the_end_always_shows()
    {
        var clock = new FakeTimeProvider();

        var events = await RunInCellAsync(context =>
        {
            var watch = NotebookJobWatch.Start(Job, context, clock);
            watch.Report(Done(1, 100));                              // too soon: not shown
            clock.Advance(NotebookJobWatch.UpdateInterval);
            watch.Report(Done(2, 200));                              // shown
            clock.Advance(NotebookJobWatch.UpdateInterval / 2);
            watch.Report(Done(3, 300));                              // too soon: not shown, but kept
            watch.Finished(null);                                    // shown, with the last counts
            watch.Report(Done(4, 400));                              // after the end: ignored
            watch.Finished(null);
        });

        var produced = Assert.IsType<DisplayedValueProduced>(events[0]);
        Assert.Equal(3, events.Count);
        Assert.All(events.Skip(1), e => Assert.Equal(produced.ValueId, Assert.IsType<DisplayedValueUpdated>(e).ValueId));
        var views = events.Select(e => (JobProgressView)e.Value!).ToList();
        Assert.Equal([JobProgressState.Running, JobProgressState.Running, JobProgressState.Finished], views.Select(v => v.State));
        Assert.Equal([0, 2, 4], views.Select(v => v.Progress.TasksDone));
        Assert.Equal([0L, 200L, 300L], views.Select(v => v.Progress.RowsRead));
        Assert.Contains("<progress value=\"4\" max=\"4\">", events[^1].FormattedValues.Single(v => v.MimeType == "text/html").Value);
    }

    [Fact]
    public async Task A_failed_job_says_so_with_its_error_in_the_same_output()
    {
        var events = await RunInCellAsync(context =>
        {
            var watch = NotebookJobWatch.Start(Job, context, new FakeTimeProvider());
            watch.Report(Done(1, 100));
            watch.Finished(new InvalidOperationException("cannot cast 'n/a' (utf8) to int64"));
        });

        var last = Assert.IsType<DisplayedValueUpdated>(events[^1]);
        Assert.Equal(events[0].ValueId, last.ValueId);
        var view = (JobProgressView)last.Value!;
        Assert.Equal(JobProgressState.Failed, view.State);
        Assert.Equal("cannot cast 'n/a' (utf8) to int64", view.Error);
        Assert.Equal(100, view.Progress.RowsRead);
    }

    [Fact]
    public async Task A_cluster_s_last_report_without_read_counts_keeps_the_counts_seen()
    {
        var clock = new FakeTimeProvider();
        var events = await RunInCellAsync(context =>
        {
            var watch = NotebookJobWatch.Start(Job with { OnCluster = true }, context, clock);
            watch.Report(Done(3, 300));
            clock.Advance(NotebookJobWatch.UpdateInterval);
            watch.Report(new ExecutionProgress(4, 4, 0, 0, TimeSpan.FromSeconds(5)));
            watch.Finished(null);
        });

        var view = (JobProgressView)events[^1].Value!;
        Assert.Equal((4, 300L, 3000L), (view.Progress.TasksDone, view.Progress.RowsRead, view.Progress.BytesRead));
        Assert.StartsWith("Collect on the cluster, finished: 4/4 tasks, 300 rows", view.ToString());
    }

    [Fact]
    public void Outside_a_cell_no_job_is_shown()
    {
        Assert.Null(KernelInvocationContext.Current);
        Assert.Null(new NotebookJobObserver().JobStarting(Job));
    }
}
