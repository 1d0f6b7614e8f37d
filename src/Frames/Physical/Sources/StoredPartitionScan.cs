using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Plan;

namespace FramesNet.Physical;

/// <summary>
/// One partition of a frame persisted on a cluster, read by a task there: the worker running the task takes it
/// from its own store, else fetches it from a worker holding it (docs/cluster.md, "Persisted frames"), and hands
/// it to the task as its input; the scan picks out its columns.
/// </summary>
internal sealed class StoredPartitionScan(StoredPartition stored, Schema schema, int[] columns) : ScanPartition
{
    internal StoredPartition Stored => stored;

    internal IReadOnlyList<int> Columns => columns;

    public override Schema Schema { get; } = schema;

    public override long Bytes => stored.Bytes;

    public override string Describe() => $"Persisted {stored.Partition}";

    public override string Spec => $"stored {stored.Partition} [{string.Join(",", columns)}]";

    public override IEnumerable<RecordBatch> Read(TaskContext context)
    {
        if (context.InputPartitionCount == 0)
            throw new InvalidOperationException($"partition {stored.Partition} of a frame persisted on a cluster is on its workers: run the frame on that cluster");
        foreach (var batch in context.BorrowInputs())
        {
            context.CountRead(batch.Length, 0);
            yield return RecordBatch.ForSchema(Schema, columns.Select(batch.Column).ToArray(), batch.Length);
        }
    }
}
