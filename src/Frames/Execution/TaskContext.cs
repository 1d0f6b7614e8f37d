using System.Collections.Concurrent;
using FramesNet.Columns;
using FramesNet.Physical;

namespace FramesNet.Execution;

/// <summary>
/// What a running task sees: its input partitions, side inputs, cancellation, and counters. Also keeps
/// track of which batches the task borrowed from other tasks' outputs, so it never disposes those.
/// </summary>
internal sealed class TaskContext
{
    private readonly IReadOnlyList<IReadOnlyList<RecordBatch>> _inputs;
    private readonly IReadOnlyList<IReadOnlyList<RecordBatch>> _sideInputs;
    private readonly HashSet<RecordBatch> _borrowed = new(ReferenceEqualityComparer.Instance);
    private long _rowsRead;
    private long _bytesRead;

    public TaskContext(TaskNode task, IReadOnlyList<IReadOnlyList<RecordBatch>> inputs, IReadOnlyList<IReadOnlyList<RecordBatch>> sideInputs,
        SharedTaskState shared, CancellationToken cancellationToken)
    {
        Task = task;
        _inputs = inputs;
        _sideInputs = sideInputs;
        Shared = shared;
        CancellationToken = cancellationToken;
        foreach (var partition in inputs.Concat(sideInputs))
            foreach (var batch in partition)
                _borrowed.Add(batch);
    }

    public TaskNode Task { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>State shared by the tasks of one executor (caches of broadcast hash tables).</summary>
    public SharedTaskState Shared { get; }

    public long RowsRead => Interlocked.Read(ref _rowsRead);

    /// <summary>How many input partitions the task was given.</summary>
    public int InputPartitionCount => _inputs.Count;

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>The input partitions' batches, in order; they belong to their producers.</summary>
    public IEnumerable<RecordBatch> BorrowInputs()
    {
        foreach (var partition in _inputs)
            foreach (var batch in partition)
            {
                CancellationToken.ThrowIfCancellationRequested();
                yield return batch;
            }
    }

    /// <summary>All batches of side input <paramref name="index"/> (borrowed).</summary>
    public IReadOnlyList<RecordBatch> SideInput(int index) =>
        (uint)index < (uint)_sideInputs.Count ? _sideInputs[index]
            : throw new InvalidOperationException($"task {Task.Key} has {_sideInputs.Count} side inputs; side input {index} was asked for");

    /// <summary>Counts what a scan read, for progress reports.</summary>
    public void CountRead(long rows, long bytes)
    {
        Interlocked.Add(ref _rowsRead, rows);
        Interlocked.Add(ref _bytesRead, bytes);
    }

    /// <summary>Done with <paramref name="batch"/>: dispose it unless it is borrowed.</summary>
    public void Release(RecordBatch batch)
    {
        if (!_borrowed.Contains(batch))
            batch.Dispose();
    }

    /// <summary>A batch safe to keep in this task's output: a borrowed one is re-wrapped so each output owns its batch objects.</summary>
    public RecordBatch Keep(RecordBatch batch) =>
        _borrowed.Contains(batch) ? new RecordBatch(batch.Schema, batch.Columns, batch.Length) : batch;
}

/// <summary>Per-executor state tasks share, such as built hash tables of broadcast join sides.</summary>
internal sealed class SharedTaskState
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _cache = new();

    /// <summary>The value cached under <paramref name="key"/>, built once by <paramref name="build"/> when missing.</summary>
    public T GetOrBuild<T>(string key, Func<T> build) where T : class =>
        (T)_cache.GetOrAdd(key, _ => new Lazy<object>(() => build(), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
