using FramesNet.Columns;
using FramesNet.Execution;

namespace FramesNet.Physical;

/// <summary>Passes the first <see cref="Count"/> rows, then stops pulling (so a scan stops reading).</summary>
internal sealed class LimitOperator(Schema schema, long count) : PhysicalOperator
{
    public long Count { get; } = count;

    public override string Name => "limit";

    public override Schema OutputSchema { get; } = schema;

    public override string Describe() => $"Limit {Count}";

    public override IEnumerable<RecordBatch> Execute(IEnumerable<RecordBatch> input, TaskContext context)
    {
        var left = Count;
        if (left == 0)
            yield break;
        foreach (var batch in input)
        {
            if (batch.Length <= left)
            {
                left -= batch.Length;
                yield return batch;
            }
            else
            {
                yield return context.Keep(batch.Slice(0, (int)left));
                context.Release(batch);
                left = 0;
            }
            if (left == 0)
                yield break;
        }
    }
}
