using FramesNet.Expressions;

namespace FramesNet.Plan.Optimizer;

/// <summary>Rewrites the expressions held by any plan node (filters, projections, aggregate keys and inputs).</summary>
internal static class PlanExpressions
{
    public static LogicalPlan Map(LogicalPlan node, Func<Expr, Expr> rewrite) => node switch
    {
        FilterNode f => new FilterNode(f.Input, rewrite(f.Predicate)),
        ProjectNode p => new ProjectNode(p.Input, p.Expressions.Select(e => Keep(e, rewrite(e))).ToArray()),
        AggregateNode a => new AggregateNode(a.Input, a.Keys.Select(k => Keep(k, rewrite(k))).ToArray(),
            a.Aggregates.Select(g => g.Input is null ? g : new AggregateExpr(g.Function, rewrite(g.Input), g.Name)).ToArray()),
        ScanNode { Filter: not null } s => s.WithFilter(rewrite(s.Filter)),
        _ => node,
    };

    /// <summary>A rewritten projection keeps its output name.</summary>
    private static Expr Keep(Expr original, Expr rewritten) =>
        rewritten.OutputName == original.OutputName ? rewritten : rewritten.Alias(original.OutputName);

    /// <summary>The AND-ed parts of a predicate.</summary>
    public static List<Expr> Conjuncts(Expr predicate)
    {
        var parts = new List<Expr>();
        void Split(Expr e)
        {
            if (e is BinaryExpr { Op: BinaryOp.And } and)
            {
                Split(and.Left);
                Split(and.Right);
            }
            else
            {
                parts.Add(e);
            }
        }
        Split(predicate);
        return parts;
    }

    public static Expr? And(IReadOnlyList<Expr> parts) => parts.Count == 0 ? null : parts.Aggregate((a, b) => a & b);
}
