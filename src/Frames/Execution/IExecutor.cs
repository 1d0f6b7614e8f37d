using FramesNet.Columns;
using FramesNet.Physical;

namespace FramesNet.Execution;

/// <summary>Runs task graphs: in this process (<see cref="LocalExecutor"/>) or on a cluster.</summary>
public interface IExecutor
{
    /// <summary>Runs every task and returns the result partitions, in order.</summary>
    Task<IReadOnlyList<IReadOnlyList<RecordBatch>>> ExecuteAsync(TaskGraph graph, IProgress<ExecutionProgress>? progress = null,
        CancellationToken cancellationToken = default);
}
