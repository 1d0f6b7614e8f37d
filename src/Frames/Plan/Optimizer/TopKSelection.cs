namespace FramesNet.Plan.Optimizer;

/// <summary>
/// A limit right over a sort (possibly through projections) becomes a top-k: each partition keeps only
/// its best k rows instead of sorting everything.
/// </summary>
public sealed class TopKSelection : IOptimizerRule
{
    public string Name => "top_k";

    public LogicalPlan Rewrite(LogicalPlan plan, OptimizerOptions options) => plan.Transform(node =>
        node is LimitNode limit && WithTopK(limit.Input, limit.Count) is { } rewritten ? new LimitNode(rewritten, limit.Count) : node);

    private static LogicalPlan? WithTopK(LogicalPlan node, long k) => node switch
    {
        SortNode sort when sort.Limit is null || sort.Limit > k => new SortNode(sort.Input, sort.Keys, k),
        ProjectNode project when WithTopK(project.Input, k) is { } inner => project.WithInputs([inner]),
        _ => null,
    };
}
