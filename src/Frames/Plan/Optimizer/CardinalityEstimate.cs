using FramesNet.Expressions;

namespace FramesNet.Plan.Optimizer;

/// <summary>
/// Guesses how many distinct values group keys have, relative to rows, from a sample the scan's source
/// reads: near 0 means few groups (tree reduction pays), near 1 means about one group per row (shuffle).
/// </summary>
internal static class CardinalityEstimate
{
    /// <summary>Distinct key combinations per sampled row, or null when the keys cannot be traced to one scan.</summary>
    public static double? DistinctRatio(LogicalPlan plan, IReadOnlyList<Expr> keys)
    {
        if (keys.Any(k => k is not ColumnExpr))
            return null;
        var names = keys.Cast<ColumnExpr>().Select(k => k.Name).ToList();
        var node = plan;
        while (true)
        {
            switch (node)
            {
                case ScanNode scan:
                    // One column may stand for several keys (Select(k, k.Alias("k2")).Distinct()): a reader reads it once.
                    return scan.Source.SampleDistinctRatio(names.Distinct().ToList());
                case FilterNode or SortNode or LimitNode or RepartitionNode or DistinctNode:
                    node = node.Inputs[0];
                    break;
                case ProjectNode project:
                {
                    var sources = project.Expressions.ToDictionary(e => e.OutputName, e => e is AliasExpr a ? a.Input : e);
                    if (names.Any(n => sources[n] is not ColumnExpr))
                        return null;
                    names = names.Select(n => ((ColumnExpr)sources[n]).Name).ToList();
                    node = project.Input;
                    break;
                }
                case JoinNode join:
                {
                    // Follow the side that holds all the keys, under its own names.
                    var columns = join.OutputColumns().Where(c => names.Contains(c.Field.Name)).ToList();
                    if (columns.All(c => c.LeftIndex >= 0))
                    {
                        var map = columns.ToDictionary(c => c.Field.Name, c => join.Left.Schema[c.LeftIndex].Name);
                        names = names.Select(n => map[n]).ToList();
                        node = join.Left;
                    }
                    else if (columns.All(c => c.RightIndex >= 0))
                    {
                        var map = columns.ToDictionary(c => c.Field.Name, c => join.Right.Schema[c.RightIndex].Name);
                        names = names.Select(n => map[n]).ToList();
                        node = join.Right;
                    }
                    else
                    {
                        return null;
                    }
                    break;
                }
                default:
                    return null;
            }
        }
    }
}
