using FramesNet.Columns;

namespace FramesNet.Worker.Execution;

/// <summary>An input a task reads: its batches, and what to release when the task is done with them.</summary>
internal sealed class InputPartition(IReadOnlyList<RecordBatch> batches, IDisposable? owner) : IDisposable
{
    public IReadOnlyList<RecordBatch> Batches { get; } = batches;

    /// <summary>Batches fetched from a peer belong to the task alone.</summary>
    public static InputPartition Owned(IReadOnlyList<RecordBatch> batches) => new(batches, new BatchOwner(batches));

    public void Dispose() => owner?.Dispose();

    private sealed class BatchOwner(IReadOnlyList<RecordBatch> batches) : IDisposable
    {
        public void Dispose()
        {
            foreach (var batch in batches)
                batch.Dispose();
        }
    }
}
