namespace FramesNet.Plan.Optimizer;

/// <summary>Merges a filter over a filter (or over a scan's own filter) into one predicate, so it is evaluated in one pass.</summary>
public sealed class FilterMerging : IOptimizerRule
{
    public string Name => "filter_merging";

    public LogicalPlan Rewrite(LogicalPlan plan, OptimizerOptions options) => plan.Transform(node => node switch
    {
        FilterNode { Input: FilterNode inner } outer => new FilterNode(inner.Input, inner.Predicate & outer.Predicate),
        FilterNode { Input: ScanNode scan } filter when ScanCanTake(scan, filter) =>
            scan.WithFilter(scan.Filter is null ? filter.Predicate : scan.Filter & filter.Predicate),
        _ => node,
    });

    /// <summary>A scan evaluates filters over its source's columns; every name the scan outputs is a source column.</summary>
    private static bool ScanCanTake(ScanNode scan, FilterNode filter) =>
        filter.Predicate.ReferencedColumns().All(c => scan.Source.Schema.TryIndexOf(c) >= 0);
}
