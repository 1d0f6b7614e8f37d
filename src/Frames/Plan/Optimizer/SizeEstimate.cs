namespace FramesNet.Plan.Optimizer;

/// <summary>Rough output sizes of plans, in bytes, for choosing join strategies and shuffle widths.</summary>
internal static class SizeEstimate
{
    public static long Bytes(LogicalPlan plan) => plan switch
    {
        ScanNode scan => scan.Source.Schema.Count == 0
            ? scan.Source.EstimatedBytes
            : scan.Source.EstimatedBytes * Math.Max(1, scan.Columns.Count) / scan.Source.Schema.Count,
        LimitNode limit => Math.Min(Bytes(limit.Input), limit.Count * 64),
        SortNode { Limit: { } k } sort => Math.Min(Bytes(sort.Input), k * 64),
        _ => plan.Inputs.Sum(Bytes),
    };
}
