using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Execution.Kernels;

namespace FramesNet.Physical;

/// <summary>The first k rows in sort order of everything the task reads, keeping only k candidates in memory.</summary>
internal sealed class TopKOperator(Schema schema, IReadOnlyList<SortColumn> keys, int k, string keyText) : PhysicalOperator
{
    internal IReadOnlyList<SortColumn> Keys => keys;

    internal int K => k;

    internal string KeyText => keyText;

    public override string Name => "top_k";

    public override Schema OutputSchema { get; } = schema;

    public override string Describe() => $"TopK k={k} [{keyText}]";

    public override IEnumerable<RecordBatch> Execute(IEnumerable<RecordBatch> input, TaskContext context)
    {
        var top = new TopK(OutputSchema, keys, k);
        foreach (var batch in input)
        {
            top.Consume(batch);
            context.Release(batch);
        }
        var best = top.Finish();
        if (best.Length > 0)
            yield return context.Keep(best);
    }
}
