using System.Collections.Concurrent;
using FramesNet.Columns;
using FramesNet.Execution;
using static FramesNet.Frames;

namespace FramesNet.Tests.Execution;

/// <summary>
/// Every job tells the registered observers it starts, reports its progress to them beside the caller's, and says how
/// it ended. Observers are process-wide and tests run in parallel, so the one here only watches jobs started on its
/// own async flow (as a notebook's observer watches only jobs started by a cell).
/// </summary>
public sealed class JobObserverTests
{
    private static DataFrame Numbers(int rows, int partitions) =>
        FromColumns(FramesContext.Local, partitions, ("x", Enumerable.Range(0, rows).Select(i => (long)i).ToArray()));

    [Fact]
    public async Task A_collect_is_seen_starting_progressing_and_finishing_and_the_callers_progress_still_gets_every_report()
    {
        using var observer = new FlowObserver();
        var mine = new ConcurrentQueue<ExecutionProgress>();
        var df = Numbers(1000, 4).Filter(Col("x") % 2 == 0).Agg(Col("x").Sum());

        var table = await observer.WatchAsync(() => df.CollectAsync(progress: new Reports(mine)));

        Assert.Equal(249500L, table[0][0]);
        var job = Assert.Single(observer.Jobs);
        Assert.Equal(new JobStart(JobAction.Collect, df.BuildGraph().Tasks.Count, OnCluster: false), job.Start);
        Assert.Equal(mine, job.Reports);
        Assert.Equal(job.Start.TasksTotal, job.Reports.Last().TasksDone);
        Assert.Equal([null], job.Endings);
    }

    [Fact]
    public async Task A_failing_job_ends_with_the_exception_the_caller_gets()
    {
        using var observer = new FlowObserver();
        var df = FromColumns(("s", new[] { "1", "n/a" })).Select(Col("s").Cast(DataType.Int64));

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => observer.WatchAsync(() => df.CollectAsync()));

        var job = Assert.Single(observer.Jobs);
        Assert.Same(error, Assert.Single(job.Endings));
    }

    [Fact]
    public async Task Count_persist_and_write_are_jobs_too()
    {
        using var observer = new FlowObserver();
        var folder = Directory.CreateTempSubdirectory("frames-observer-").FullName;
        try
        {
            await observer.WatchAsync(async () =>
            {
                await Numbers(10, 2).CountAsync();
                await using var persisted = await Numbers(10, 2).PersistAsync();
                Numbers(10, 2).WriteCsv(folder);
                return 0;
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.Equal([JobAction.Collect, JobAction.Persist, JobAction.Write], observer.Jobs.Select(j => j.Start.Action));
        Assert.All(observer.Jobs, job => Assert.Equal([null], job.Endings));
    }

    [Fact]
    public async Task A_removed_observer_sees_nothing()
    {
        var observer = new FlowObserver();
        observer.Dispose();

        await observer.WatchAsync(() => Numbers(10, 2).CollectAsync());

        Assert.Empty(observer.Jobs);
    }

    private sealed class Reports(ConcurrentQueue<ExecutionProgress> into) : IProgress<ExecutionProgress>
    {
        public void Report(ExecutionProgress value) => into.Enqueue(value);
    }

    /// <summary>Records the jobs started inside <see cref="WatchAsync{T}"/>, on this flow only.</summary>
    private sealed class FlowObserver : IJobObserver, IDisposable
    {
        private readonly AsyncLocal<bool> _watching = new();
        private readonly IDisposable _registration;

        public FlowObserver() => _registration = JobObservers.Add(this);

        public ConcurrentQueue<Job> Jobs { get; } = new();

        public async Task<T> WatchAsync<T>(Func<Task<T>> run)
        {
            _watching.Value = true;
            try
            {
                return await run();
            }
            finally
            {
                _watching.Value = false;
            }
        }

        public IJobWatch? JobStarting(JobStart start)
        {
            if (!_watching.Value)
                return null;
            var job = new Job(start);
            Jobs.Enqueue(job);
            return job;
        }

        public void Dispose() => _registration.Dispose();
    }

    private sealed class Job(JobStart start) : IJobWatch
    {
        public JobStart Start { get; } = start;

        public ConcurrentQueue<ExecutionProgress> Reports { get; } = new();

        public ConcurrentQueue<Exception?> Endings { get; } = new();

        public void Report(ExecutionProgress value) => Reports.Enqueue(value);

        public void Finished(Exception? error) => Endings.Enqueue(error);
    }
}
