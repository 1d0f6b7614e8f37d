using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Execution.Kernels;

namespace FramesNet.Physical;

/// <summary>Sorts everything the task reads (stable), and emits it in batches.</summary>
internal sealed class SortOperator(Schema schema, IReadOnlyList<SortColumn> keys, string keyText) : PhysicalOperator
{
    internal IReadOnlyList<SortColumn> Keys => keys;

    internal string KeyText => keyText;

    private const int OutputBatchRows = 64 * 1024;

    public override string Name => "sort";

    public override Schema OutputSchema { get; } = schema;

    public override string Describe() => $"Sort [{keyText}]";

    public override IEnumerable<RecordBatch> Execute(IEnumerable<RecordBatch> input, TaskContext context)
    {
        var batches = input.Where(b => b.Length > 0).ToList();
        if (batches.Count == 0)
            yield break;
        var sorted = SortKernel.Sort(batches, keys);
        foreach (var batch in batches)
            if (!ReferenceEquals(batch, sorted))
                context.Release(batch);
        for (var start = 0; start < sorted.Length; start += OutputBatchRows)
            yield return context.Keep(sorted.Slice(start, Math.Min(OutputBatchRows, sorted.Length - start)));
    }
}
