using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Formats.Csv;
using FramesNet.Physical;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Execution;
using FramesNet.Worker.Files;
using FramesNet.Worker.Store;
using FramesNet.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Field = FramesNet.Columns.Field;
using PartitionRef = FramesNet.Physical.PartitionRef;
using Schema = FramesNet.Columns.Schema;

namespace FramesNet.Worker.Tests.Execution;

public class TaskExecutorTests : IDisposable
{
    private readonly PartitionStore _store = new(null, null, NullLogger.Instance);
    private readonly FakeInputs _inputs;

    public TaskExecutorTests() => _inputs = new FakeInputs(_store);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Decoded_specs_of_a_filter_and_an_aggregate_compute_the_answer_stage_by_stage()
    {
        var graph = Graphs.FilteredSums(partitions: 3).BuildGraph();
        var executor = new TaskExecutor(_store, _inputs, DataRoots.Everywhere);

        foreach (var task in graph.Tasks.OrderBy(t => t.Stage))
        {
            var outcome = await executor.RunAsync(Graphs.Run(task), new SharedTaskState(), default);

            var done = Assert.IsType<TaskOutcome.Done>(outcome).Report;
            Assert.Equal(task.Key.Value, done.Task);
            Assert.Equal(task.Sink.Buckets, done.Outputs.Count);
            foreach (var output in done.Outputs)
            {
                using var stored = _store.TryAcquire(new PartitionRef(task.Key, output.Bucket))!;
                Assert.Equal(stored.Rows, output.Rows);
                Assert.Equal(stored.Bytes, output.Bytes);
            }
        }

        var result = graph.Outputs.Select(o => _store.TryAcquire(o)!).ToList();
        Assert.Equal(Graphs.ExpectedSums(), Graphs.Sums(result.SelectMany(l => l.Batches)));
        result.ForEach(l => l.Dispose());
        // Every input the later stages read was asked for by its key, in order.
        Assert.Equal(graph.Tasks.SelectMany(t => t.Inputs), _inputs.Asked);
    }

    [Fact]
    public async Task A_scan_counts_the_rows_it_read()
    {
        var scan = Graphs.Numbers(1).BuildGraph().Tasks.Single();
        var executor = new TaskExecutor(_store, _inputs, DataRoots.Everywhere);

        var done = Assert.IsType<TaskOutcome.Done>(await executor.RunAsync(Graphs.Run(scan), new SharedTaskState(), default)).Report;

        Assert.Equal(Graphs.Rows, done.RowsRead);
        Assert.Equal(Graphs.Rows, done.Outputs.Single().Rows);
        Assert.True(done.Seconds > 0);
    }

    [Fact]
    public async Task An_input_nobody_can_supply_is_reported_as_missing_and_nothing_is_stored()
    {
        var graph = Graphs.FilteredSums(partitions: 3).BuildGraph();
        var executor = new TaskExecutor(_store, _inputs, DataRoots.Everywhere);
        var first = graph.Tasks.Where(t => t.Stage == 0).ToList();
        foreach (var task in first)
            Assert.IsType<TaskOutcome.Done>(await executor.RunAsync(Graphs.Run(task), new SharedTaskState(), default));
        var combine = graph.Tasks.First(t => t.Inputs.Count > 0);
        var lost = combine.Inputs[1];
        _store.Release([lost.Task]);

        var outcome = await executor.RunAsync(Graphs.Run(combine, "job-1", "http://gone:1"), new SharedTaskState(), default);

        var failure = Assert.IsType<TaskOutcome.Failed>(outcome).Report;
        Assert.Equal(combine.Key.Value, failure.Task);
        var missing = Assert.Single(failure.MissingInputs);
        Assert.Equal((lost.Task.Value, lost.Bucket), (missing.Task, missing.Bucket));
        Assert.Contains(lost.Task.Value, failure.Message);
        // What the holder said travels in the report, so the job's failure can say it.
        Assert.Contains($"http://gone:1: Internal: worker w-9 could not send partition {lost}: IOException: disk gone", failure.Message);
        Assert.False(_store.Contains(new PartitionRef(combine.Key)));
        Assert.Contains(("http://gone:1", lost), _inputs.AskedWithAddress);
    }

    [Fact]
    public async Task A_scan_of_a_file_outside_the_data_roots_fails_naming_the_file()
    {
        using var folder = new TestFolder();
        var root = folder.Folder("root");
        var outside = folder.File("elsewhere/t.csv", "a\n1\n");
        var scan = Frames.ReadCsv(outside).BuildGraph().Tasks.Single();
        var executor = new TaskExecutor(_store, _inputs, new DataRoots([root]));

        var failure = Assert.IsType<TaskOutcome.Failed>(await executor.RunAsync(Graphs.Run(scan), new SharedTaskState(), default)).Report;

        Assert.Equal("scan", failure.Operator);
        Assert.Equal(outside, failure.Input);
        Assert.Contains("permission denied", failure.Message);
        Assert.Contains(outside, failure.Message);
        Assert.Empty(failure.MissingInputs);
    }

    [Fact]
    public async Task Bad_data_is_the_task_own_failure_with_operator_and_input()
    {
        using var folder = new TestFolder();
        var path = folder.File("bad.csv", "a\n1\n2\nthree\n");
        var options = new CsvReadOptions { Schema = new Schema(new Field("a", DataType.Int64)) };
        var scan = Frames.ReadCsv(path, options).BuildGraph().Tasks.Single();
        var executor = new TaskExecutor(_store, _inputs, new DataRoots([folder.Path]));

        var failure = Assert.IsType<TaskOutcome.Failed>(await executor.RunAsync(Graphs.Run(scan), new SharedTaskState(), default)).Report;

        Assert.Equal("scan", failure.Operator);
        Assert.Contains("bad.csv", failure.Input);
        Assert.Contains("bad.csv:4", failure.Message);
        Assert.Empty(failure.MissingInputs);
    }

    [Fact]
    public async Task A_spec_that_does_not_decode_fails_the_task()
    {
        var executor = new TaskExecutor(_store, _inputs, DataRoots.Everywhere);

        var outcome = await executor.RunAsync(new RunTask { Task = "t", Spec = Google.Protobuf.ByteString.CopyFrom(1, 2, 3) }, new SharedTaskState(), default);

        var failure = Assert.IsType<TaskOutcome.Failed>(outcome).Report;
        Assert.Equal("decode", failure.Operator);
        Assert.Contains("spec", failure.Message);
    }

    [Fact]
    public async Task A_task_whose_outputs_are_all_stored_already_is_done_without_running()
    {
        var scan = Graphs.Numbers(1).BuildGraph().Tasks.Single();
        var executor = new TaskExecutor(_store, _inputs, DataRoots.Everywhere);
        await executor.RunAsync(Graphs.Run(scan), new SharedTaskState(), default);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var again = await executor.RunAsync(Graphs.Run(scan), new SharedTaskState(), cancelled.Token);

        Assert.Equal(Graphs.Rows, Assert.IsType<TaskOutcome.Done>(again).Report.Outputs.Single().Rows);
    }

    /// <summary>Inputs from the store, recording what was asked; a partition the store lacks is missing, each holder saying why.</summary>
    private sealed class FakeInputs(PartitionStore store) : IPartitionSource
    {
        public List<PartitionRef> Asked { get; } = [];

        public List<(string Address, PartitionRef Partition)> AskedWithAddress { get; } = [];

        public Task<InputPartition?> GetAsync(PartitionRef partition, IReadOnlyList<string> addresses, ICollection<string> failures, CancellationToken cancellationToken)
        {
            lock (Asked)
            {
                Asked.Add(partition);
                AskedWithAddress.AddRange(addresses.Select(a => (a, partition)));
            }
            var lease = store.TryAcquire(partition);
            if (lease is null)
                foreach (var address in addresses)
                    failures.Add($"{address}: Internal: worker w-9 could not send partition {partition}: IOException: disk gone");
            return Task.FromResult(lease is null ? null : new InputPartition(lease.Batches, lease));
        }
    }
}
