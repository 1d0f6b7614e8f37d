namespace FramesNet.Plan.Optimizer;

/// <summary>
/// Chooses how each join runs from size estimates: broadcast a side that is small enough (the right one
/// when both are), else hash-shuffle both sides. Sizes come from the scans' byte counts, scaled by the
/// share of columns read; filters are not assumed to shrink anything.
/// </summary>
public sealed class JoinStrategySelection : IOptimizerRule
{
    public string Name => "join_strategy";

    public LogicalPlan Rewrite(LogicalPlan plan, OptimizerOptions options) => plan.Transform(node =>
    {
        if (node is not JoinNode { Strategy: JoinStrategy.Auto } join)
            return node;
        var threshold = options.BroadcastThresholdBytes;
        var (canBroadcastRight, canBroadcastLeft) = (join.CanBroadcastRight, join.CanBroadcastLeft);
        var right = SizeEstimate.Bytes(join.Right);
        var left = SizeEstimate.Bytes(join.Left);
        if (canBroadcastRight && right <= threshold && (!canBroadcastLeft || right <= left))
            return join.WithStrategy(JoinStrategy.BroadcastRight);
        if (canBroadcastLeft && left <= threshold)
            return join.WithStrategy(JoinStrategy.BroadcastLeft);
        return join.WithStrategy(JoinStrategy.Shuffle);
    });
}
