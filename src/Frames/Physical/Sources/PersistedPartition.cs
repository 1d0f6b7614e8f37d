using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Plan;

namespace FramesNet.Physical;

/// <summary>One partition of a frame persisted in this process: its batches, the scan's columns picked out.</summary>
internal sealed class PersistedPartition(PersistedSource source, IReadOnlyList<RecordBatch> batches, Schema schema, int[] columns, string identity)
    : ScanPartition
{
    public override Schema Schema { get; } = schema;

    public override long Bytes => 0;

    public override string Describe() => $"Persisted {batches.Sum(b => b.Length)} rows";

    public override string Spec => $"persisted {identity} [{string.Join(",", columns)}]";

    public override IEnumerable<RecordBatch> Read(TaskContext context)
    {
        source.CheckLive();
        foreach (var batch in batches)
        {
            context.CountRead(batch.Length, 0);
            // A batch of the task's own: operators may dispose it without touching the persisted one.
            yield return RecordBatch.ForSchema(Schema, columns.Select(batch.Column).ToArray(), batch.Length);
        }
    }
}
