using System.Collections.Concurrent;
using FramesNet.Columns;
using FramesNet.Execution;
using static FramesNet.Frames;

namespace FramesNet.Tests.Execution;

public class LocalExecutorTests
{
    private static DataFrame Numbers(int rows, int partitions) =>
        Frames.FromColumns(FramesContext.Local, partitions, ("x", Enumerable.Range(0, rows).Select(i => (long)i).ToArray()));

    [Fact]
    public async Task Progress_counts_every_task_and_the_rows_read()
    {
        var reports = new ConcurrentQueue<ExecutionProgress>();
        var df = Numbers(1000, 4).Filter(Col("x") % 2 == 0).Agg(Col("x").Sum());

        var table = await df.CollectAsync(progress: new SynchronousProgress(reports.Enqueue));

        Assert.Equal(249500L, table[0][0]);
        var last = reports.Last();
        Assert.Equal(last.TasksTotal, last.TasksDone);
        Assert.Equal(df.BuildGraph().Tasks.Count, last.TasksTotal);
        Assert.Equal(1000, last.RowsRead);
    }

    [Fact]
    public async Task A_failing_task_names_itself_its_operator_and_its_input()
    {
        var df = Numbers(100, 3).MapPartitions(Explode, Numbers(1, 1).Schema);

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => df.CollectAsync());

        Assert.Equal("map_partitions(Explode)", error.Operator);
        Assert.StartsWith("Memory rows [", error.Input);
        Assert.StartsWith("result-", error.Task.Value);
        Assert.Contains("boom at 33", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    private static RecordBatch Explode(RecordBatch batch)
    {
        var first = ((PrimitiveColumn<long>)batch.Column(0))[0];
        if (first == 33)
            throw new InvalidOperationException($"boom at {first}");
        return batch;
    }

    [Fact]
    public async Task Cancellation_stops_the_job()
    {
        using var cancel = new CancellationTokenSource();
        var df = Numbers(1000, 8).MapPartitions(b =>
        {
            cancel.Cancel();
            return b;
        }, Numbers(1, 1).Schema);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => df.CollectAsync(cancel.Token));
    }

    [Fact]
    public void Intermediate_partitions_are_released_once_consumed()
    {
        var produced = new ConcurrentBag<RecordBatch>();
        var df = Numbers(10_000, 4)
            .MapPartitions(b =>
            {
                var copy = new RecordBatch(b.Schema, b.Columns, b.Length);
                produced.Add(copy);
                return copy;
            }, Numbers(1, 1).Schema)
            .Repartition(3, "x")
            .Agg(Count());

        Assert.Equal(10_000L, df.Collect()[0][0]);
        Assert.NotEmpty(produced);
        Assert.All(produced, b => Assert.True(b.IsDisposed));
    }

    [Fact]
    public void A_single_thread_gives_the_same_answer()
    {
        var context = FramesContext.Local with { Executor = new LocalExecutor(1) };
        var df = Numbers(5000, 5).WithContext(context).GroupBy(Col("x") % 7).Agg(Count());

        Assert.Equal(7, df.Collect().RowCount);
    }

    private sealed class SynchronousProgress(Action<ExecutionProgress> report) : IProgress<ExecutionProgress>
    {
        public void Report(ExecutionProgress value) => report(value);
    }
}
