using FramesNet.Columns;
using FramesNet.Execution;

namespace FramesNet.Physical;

/// <summary>Rows shipped with a task (a memory partition of the client's, decoded on a worker).</summary>
internal sealed class BatchesSource(Schema schema, IReadOnlyList<RecordBatch> batches, string identity) : ScanPartition
{
    public override Schema Schema { get; } = schema;

    public override long Bytes => 0;

    internal string Identity => identity;

    internal IReadOnlyList<RecordBatch> Batches => batches;

    public override string Describe() => $"Memory {batches.Sum(b => b.Length)} rows";

    /// <summary>The spec of the memory partition it came from, so the task key stays the same.</summary>
    public override string Spec => identity;

    public override IEnumerable<RecordBatch> Read(TaskContext context)
    {
        foreach (var batch in batches)
        {
            context.CountRead(batch.Length, 0);
            yield return batch;
        }
    }
}
