using System.Diagnostics;
using FramesNet.Columns;
using FramesNet.Physical;

namespace FramesNet.Execution;

/// <summary>
/// The embedded default: runs a task graph on threads of this process (all cores by default). Tasks
/// start as soon as their inputs exist, later stages first (so partial results are combined and freed
/// early); a partition is released the moment its last consumer finishes.
/// </summary>
public sealed class LocalExecutor : IExecutor
{
    public LocalExecutor(int? parallelism = null)
    {
        Parallelism = parallelism ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1);
    }

    /// <summary>How many tasks run at once.</summary>
    public int Parallelism { get; }

    public Task<IReadOnlyList<IReadOnlyList<RecordBatch>>> ExecuteAsync(TaskGraph graph, IProgress<ExecutionProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        new Run(graph, Parallelism, progress, cancellationToken).ExecuteAsync();

    /// <summary>The state of one execution; all of it is guarded by <see cref="_gate"/>.</summary>
    private sealed class Run
    {
        private readonly TaskGraph _graph;
        private readonly int _parallelism;
        private readonly IProgress<ExecutionProgress>? _progress;
        private readonly CancellationTokenSource _cancel;
        private readonly object _gate = new();
        private readonly Dictionary<TaskKey, int> _waitingOn = [];
        private readonly Dictionary<TaskKey, List<TaskNode>> _dependents = [];
        private readonly Dictionary<TaskKey, int> _consumers = [];
        private readonly Dictionary<TaskKey, IReadOnlyList<RecordBatch>[]> _outputs = [];
        private readonly HashSet<TaskKey> _results;
        private readonly PriorityQueue<TaskNode, (int, int)> _ready = new();
        private readonly SharedTaskState _shared = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _done;
        private int _running;
        private long _rows;
        private long _bytes;
        private Exception? _failure;

        public Run(TaskGraph graph, int parallelism, IProgress<ExecutionProgress>? progress, CancellationToken cancellationToken)
        {
            _graph = graph;
            _parallelism = parallelism;
            _progress = progress;
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _results = graph.Outputs.Select(o => o.Task).ToHashSet();
            foreach (var task in graph.Tasks)
            {
                var dependencies = task.Dependencies.ToList();
                _waitingOn[task.Key] = dependencies.Count;
                foreach (var dependency in dependencies)
                {
                    if (!_dependents.TryGetValue(dependency, out var list))
                        _dependents[dependency] = list = [];
                    list.Add(task);
                    _consumers[dependency] = _consumers.GetValueOrDefault(dependency) + 1;
                }
                if (dependencies.Count == 0)
                    Enqueue(task);
            }
        }

        public async Task<IReadOnlyList<IReadOnlyList<RecordBatch>>> ExecuteAsync()
        {
            using var _ = _cancel;
            var workers = Enumerable.Range(0, Math.Min(_parallelism, Math.Max(1, _graph.Tasks.Count)))
                .Select(_ => Task.Factory.StartNew(WorkLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
                .ToArray();
            await Task.WhenAll(workers).ConfigureAwait(false);
            if (_failure is not null)
            {
                DisposeOutputs();
                if (_failure is OperationCanceledException)
                    throw new OperationCanceledException("the job was cancelled", _failure, _cancel.Token);
                throw _failure;
            }
            _progress?.Report(Progress());
            return _graph.Outputs.Select(o => _outputs[o.Task][o.Bucket]).ToArray();
        }

        private void WorkLoop()
        {
            while (true)
            {
                TaskNode task;
                lock (_gate)
                {
                    while (_ready.Count == 0 && _failure is null && _done < _graph.Tasks.Count)
                        Monitor.Wait(_gate);
                    if (_failure is not null || _done == _graph.Tasks.Count)
                        return;
                    task = _ready.Dequeue();
                    _running++;
                }
                IReadOnlyList<RecordBatch>[]? output = null;
                Exception? error = null;
                TaskContext? context = null;
                try
                {
                    _cancel.Token.ThrowIfCancellationRequested();
                    IReadOnlyList<IReadOnlyList<RecordBatch>> inputs, sideInputs;
                    lock (_gate)
                    {
                        inputs = task.Inputs.Select(Partition).ToArray();
                        sideInputs = task.SideInputs.Select(s => (IReadOnlyList<RecordBatch>)s.SelectMany(Partition).ToArray()).ToArray();
                    }
                    context = new TaskContext(task, inputs, sideInputs, _shared, _cancel.Token);
                    output = TaskRunner.Run(task, context);
                }
                catch (Exception e)
                {
                    error = e;
                }
                lock (_gate)
                {
                    _running--;
                    if (context is not null)
                    {
                        _rows += context.RowsRead;
                        _bytes += context.BytesRead;
                    }
                    if (error is not null)
                    {
                        _failure ??= error;
                        _cancel.Cancel();
                        Monitor.PulseAll(_gate);
                        return;
                    }
                    Complete(task, output!);
                    Monitor.PulseAll(_gate);
                }
                _progress?.Report(Progress());
            }
        }

        private IReadOnlyList<RecordBatch> Partition(PartitionRef reference) => _outputs[reference.Task][reference.Bucket];

        /// <summary>Stores the output, wakes the dependents whose inputs are now all there, frees inputs nobody needs any more.</summary>
        private void Complete(TaskNode task, IReadOnlyList<RecordBatch>[] output)
        {
            _done++;
            _outputs[task.Key] = output;
            if (_dependents.TryGetValue(task.Key, out var dependents))
                foreach (var dependent in dependents)
                    if (--_waitingOn[dependent.Key] == 0)
                        Enqueue(dependent);
            foreach (var input in task.Dependencies)
            {
                if (--_consumers[input] == 0 && !_results.Contains(input) && _outputs.Remove(input, out var freed))
                    foreach (var batch in freed.SelectMany(b => b))
                        batch.Dispose();
            }
        }

        /// <summary>Later stages first: finishing work frees memory sooner than starting more.</summary>
        private void Enqueue(TaskNode task) => _ready.Enqueue(task, (-task.Stage, task.Partition));

        private ExecutionProgress Progress()
        {
            lock (_gate)
                return new ExecutionProgress(_done, _graph.Tasks.Count, _rows, _bytes, _clock.Elapsed);
        }

        private void DisposeOutputs()
        {
            lock (_gate)
            {
                foreach (var batch in _outputs.Values.SelectMany(o => o).SelectMany(b => b))
                    batch.Dispose();
                _outputs.Clear();
            }
        }
    }
}
