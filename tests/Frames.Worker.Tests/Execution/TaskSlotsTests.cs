using System.Collections.Concurrent;
using System.Threading.Channels;
using FramesNet.Execution;
using FramesNet.Physical;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Execution;
using FramesNet.Worker.Store;
using FramesNet.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using PartitionRef = FramesNet.Physical.PartitionRef;

namespace FramesNet.Worker.Tests.Execution;

public class TaskSlotsTests : IDisposable
{
    private readonly PartitionStore _store = new(1000, null, NullLogger.Instance);
    private readonly GatedExecutor _executor = new();
    private readonly Reports _reports = new();

    public void Dispose() => _store.Dispose();

    private TaskSlots Slots(int slots) => new(slots, _executor, _store, _reports, NullLogger.Instance);

    private static RunTask Task(string key, string job = "j") => new() { Task = key, Job = job };

    [Fact]
    public async Task At_most_slots_tasks_run_at_once_and_the_rest_start_in_order_as_others_finish()
    {
        var slots = Slots(2);

        slots.Enqueue([Task("a"), Task("b"), Task("c"), Task("d")]);
        // The first two start together; which reports first is up to the thread pool.
        Assert.Equal(["a", "b"], new[] { await _executor.NextStartedAsync(), await _executor.NextStartedAsync() }.Order());
        Assert.Equal(2, slots.Running);
        Assert.Equal(2, slots.Queued);

        _executor.Finish("b");
        Assert.Equal("c", await _executor.NextStartedAsync());
        _executor.Finish("a");
        Assert.Equal("d", await _executor.NextStartedAsync());
        _executor.Finish("c");
        _executor.Finish("d");
        var finished = await _reports.FinishedAsync(4);
        Assert.Equal(["b", "a"], finished[..2]);
        Assert.Equal(["c", "d"], finished[2..].Order());
        Assert.Equal(2, _executor.MostAtOnce);
    }

    [Fact]
    public async Task A_task_sent_again_while_queued_or_running_is_not_run_twice()
    {
        var slots = Slots(1);

        slots.Enqueue([Task("a"), Task("b")]);
        slots.Enqueue([Task("a"), Task("b")]);
        Assert.Equal("a", await _executor.NextStartedAsync());
        Assert.Equal(1, slots.Queued);
        _executor.Finish("a");
        Assert.Equal("b", await _executor.NextStartedAsync());
        _executor.Finish("b");

        Assert.Equal(["a", "b"], await _reports.FinishedAsync(2));
        Assert.Equal(2, _executor.Starts);
    }

    [Fact]
    public async Task No_task_starts_while_the_store_is_over_its_limit()
    {
        var slots = Slots(2);
        _store.Put(new PartitionRef(new TaskKey("big")), TestBatches.Schema, TestBatches.Many(1, 1000));
        Assert.True(_store.IsOverLimit);

        slots.Enqueue([Task("a"), Task("b")]);
        Assert.Equal(0, slots.Running);
        Assert.Equal(2, slots.Queued);

        _store.Release([new TaskKey("big")]);
        Assert.Equal(["a", "b"], new[] { await _executor.NextStartedAsync(), await _executor.NextStartedAsync() }.Order());
    }

    [Fact]
    public async Task Cancelling_drops_queued_tasks_and_cancels_running_ones_without_a_report()
    {
        var slots = Slots(1);
        slots.Enqueue([Task("a"), Task("b"), Task("c")]);
        Assert.Equal("a", await _executor.NextStartedAsync());

        var cancelled = slots.Cancel([new TaskKey("a"), new TaskKey("b")]);

        Assert.Equal(2, cancelled);
        Assert.Equal("c", await _executor.NextStartedAsync());
        _executor.Finish("c");
        Assert.Equal(["c"], await _reports.FinishedAsync(1));
        Assert.Equal(["a", "c"], _reports.StartedTasks);
    }

    [Fact]
    public async Task Outputs_stored_by_a_task_cancelled_meanwhile_are_dropped_and_not_reported()
    {
        var slots = Slots(1);
        _executor.StoreOutputsInto(_store);
        slots.Enqueue([Task("a"), Task("b")]);
        Assert.Equal("a", await _executor.NextStartedAsync());

        slots.Cancel([new TaskKey("a")]);
        _executor.Finish("a");
        Assert.Equal("b", await _executor.NextStartedAsync());
        _executor.Finish("b");

        Assert.Equal(["b"], await _reports.FinishedAsync(1));
        Assert.Equal([new PartitionRef(new TaskKey("b"))], _store.Keys);
    }

    [Fact]
    public async Task After_a_disconnect_queued_tasks_are_forgotten_and_running_ones_go_on()
    {
        var slots = Slots(1);
        slots.Enqueue([Task("a"), Task("b")]);
        Assert.Equal("a", await _executor.NextStartedAsync());

        Assert.Equal(1, slots.DropQueued());
        _executor.Finish("a");

        Assert.Equal(["a"], await _reports.FinishedAsync(1));
        Assert.Equal(0, slots.Queued);
    }

    [Fact]
    public async Task Tasks_of_one_job_share_state_and_another_job_gets_its_own()
    {
        var slots = Slots(3);

        slots.Enqueue([Task("a", "j1"), Task("b", "j1"), Task("c", "j2")]);
        for (var i = 0; i < 3; i++)
            await _executor.NextStartedAsync();

        Assert.Same(_executor.Shared["a"], _executor.Shared["b"]);
        Assert.NotSame(_executor.Shared["a"], _executor.Shared["c"]);
        foreach (var key in new[] { "a", "b", "c" })
            _executor.Finish(key);
        await _reports.FinishedAsync(3);
    }

    [Fact]
    public async Task Stopping_cancels_running_tasks_and_waits_for_them()
    {
        var slots = Slots(2);
        slots.Enqueue([Task("a"), Task("b"), Task("c")]);
        await _executor.NextStartedAsync();
        await _executor.NextStartedAsync();

        await slots.StopAsync().WaitAsync(Patience.Wait);

        Assert.Equal(0, slots.Running);
        Assert.Equal(0, slots.Queued);
        Assert.Equal(2, _executor.Starts);
    }

    /// <summary>Tasks that run until the test finishes them (or they are cancelled).</summary>
    private sealed class GatedExecutor : ITaskExecutor
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
        private readonly Channel<string> _started = Channel.CreateUnbounded<string>();
        private int _running;
        private int _starts;

        private PartitionStore? _store;

        public ConcurrentDictionary<string, SharedTaskState> Shared { get; } = new();

        public void StoreOutputsInto(PartitionStore store) => _store = store;

        public int MostAtOnce { get; private set; }

        public int Starts => _starts;

        public async Task<TaskOutcome> RunAsync(RunTask run, SharedTaskState shared, CancellationToken cancellationToken)
        {
            Shared[run.Task] = shared;
            MostAtOnce = Math.Max(MostAtOnce, Interlocked.Increment(ref _running));
            Interlocked.Increment(ref _starts);
            var gate = _gates.GetOrAdd(run.Task, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            _started.Writer.TryWrite(run.Task);
            try
            {
                if (_store is null)
                {
                    await gate.Task.WaitAsync(cancellationToken);
                    return new TaskOutcome.Done(new TaskDone { Task = run.Task });
                }
                // A task that does not watch its token: it stores its output and says done even when cancelled.
                await gate.Task;
                _store.Put(new PartitionRef(new TaskKey(run.Task)), TestBatches.Schema, TestBatches.Many(1, 1));
                return new TaskOutcome.Done(new TaskDone { Task = run.Task });
            }
            catch (OperationCanceledException)
            {
                return new TaskOutcome.Cancelled();
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        public async Task<string> NextStartedAsync()
        {
            using var timeout = new CancellationTokenSource(Patience.Wait);
            return await _started.Reader.ReadAsync(timeout.Token);
        }

        public void Finish(string task) => _gates.GetOrAdd(task, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private sealed class Reports : ITaskReporter
    {
        private readonly Channel<string> _finished = Channel.CreateUnbounded<string>();

        public List<string> StartedTasks { get; } = [];

        public System.Threading.Tasks.Task Started(TaskKey task)
        {
            lock (StartedTasks)
                StartedTasks.Add(task.Value);
            return System.Threading.Tasks.Task.CompletedTask;
        }

        public void Finished(TaskDone done) => _finished.Writer.TryWrite(done.Task);

        public void Failed(TaskFailure failure) => _finished.Writer.TryWrite("failed:" + failure.Task);

        public async Task<List<string>> FinishedAsync(int count)
        {
            using var timeout = new CancellationTokenSource(Patience.Wait);
            var done = new List<string>();
            while (done.Count < count)
                done.Add(await _finished.Reader.ReadAsync(timeout.Token));
            return done;
        }
    }
}
