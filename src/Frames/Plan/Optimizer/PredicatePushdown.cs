using FramesNet.Expressions;

namespace FramesNet.Plan.Optimizer;

/// <summary>
/// Moves filter conditions (each AND-ed part on its own) as close to the scans as the plan allows: below
/// projections (substituting computed columns), sorts, distincts, repartitions, unions, into the sides of
/// joins that cannot lose rows through them, below aggregates when they test only group keys, and into
/// the scan itself. Conditions that cannot move stay where they were.
/// </summary>
public sealed class PredicatePushdown : IOptimizerRule
{
    public string Name => "predicate_pushdown";

    public LogicalPlan Rewrite(LogicalPlan plan, OptimizerOptions options)
    {
        // Top-down: push a filter, then keep pushing in what it became.
        if (plan is FilterNode filter)
            plan = Push(filter.Input, PlanExpressions.Conjuncts(filter.Predicate));
        return plan.WithInputs(plan.Inputs.Select(i => Rewrite(i, options)).ToArray());
    }

    /// <summary><paramref name="node"/> filtered by <paramref name="conjuncts"/>, with as many of them as possible moved down.</summary>
    private static LogicalPlan Push(LogicalPlan node, List<Expr> conjuncts)
    {
        if (conjuncts.Count == 0)
            return node;
        switch (node)
        {
            case FilterNode inner:
                return Push(inner.Input, [.. PlanExpressions.Conjuncts(inner.Predicate), .. conjuncts]);
            case ScanNode scan:
            {
                var fits = conjuncts.Where(c => c.ReferencedColumns().All(n => scan.Source.Schema.TryIndexOf(n) >= 0)).ToList();
                var rest = conjuncts.Except(fits).ToList();
                var merged = PlanExpressions.And([.. scan.Filter is null ? [] : PlanExpressions.Conjuncts(scan.Filter), .. fits]);
                return Wrap(scan.WithFilter(merged), rest);
            }
            case ProjectNode project:
            {
                var definitions = project.Expressions.ToDictionary(e => e.OutputName, e => e is AliasExpr a ? a.Input : e);
                var below = conjuncts.Select(c => c.Transform(e => e is ColumnExpr col ? definitions[col.Name] : e)).ToList();
                return new ProjectNode(Push(project.Input, below), project.Expressions);
            }
            case SortNode { Limit: null } sort:
                return sort.WithInputs([Push(sort.Input, conjuncts)]);
            case DistinctNode or RepartitionNode:
                return node.WithInputs([Push(node.Inputs[0], conjuncts)]);
            case UnionNode union:
                return union.WithInputs(union.Inputs.Select(i => Push(i, conjuncts)).ToArray());
            case AggregateNode aggregate:
            {
                // Without keys the aggregate makes one row even from no rows, so nothing may move below it
                // (a constant-false filter above gives no row, below it a row of empty aggregates).
                var keyNames = aggregate.Keys.OfType<ColumnExpr>().Select(k => k.Name).ToHashSet();
                var onKeys = aggregate.Keys.Count == 0 ? [] : conjuncts.Where(c => c.ReferencedColumns().All(keyNames.Contains)).ToList();
                var rest = conjuncts.Except(onKeys).ToList();
                return Wrap(aggregate.WithInputs([Push(aggregate.Input, onKeys)]), rest);
            }
            case JoinNode join:
                return PushIntoJoin(join, conjuncts);
            default:
                return Wrap(node, conjuncts);
        }
    }

    private static LogicalPlan PushIntoJoin(JoinNode join, List<Expr> conjuncts)
    {
        // Which side an output column reads, under which name there. A shared key of an inner join is both.
        var leftName = new Dictionary<string, string>();
        var rightName = new Dictionary<string, string>();
        foreach (var column in join.OutputColumns())
        {
            var name = column.Field.Name;
            if (column.LeftIndex >= 0 && join.Type != JoinType.Full) leftName[name] = join.Left.Schema[column.LeftIndex].Name;
            if (column.RightIndex >= 0 && join.Type != JoinType.Full) rightName[name] = join.Right.Schema[column.RightIndex].Name;
            if (column.LeftIndex >= 0 && column.RightIndex < 0 && join.Type == JoinType.Inner && join.LeftKeys.Contains(join.Left.Schema[column.LeftIndex].Name))
            {
                var k = join.LeftKeys.ToList().IndexOf(join.Left.Schema[column.LeftIndex].Name);
                rightName[name] = join.RightKeys[k];
            }
        }
        // A side may be filtered early only if the join cannot bring back the rows the filter removes.
        var leftSafe = join.Type is JoinType.Inner or JoinType.Left or JoinType.Semi or JoinType.Anti;
        var rightSafe = join.Type is JoinType.Inner or JoinType.Right;
        List<Expr> toLeft = [], toRight = [], stay = [];
        foreach (var c in conjuncts)
        {
            var columns = c.ReferencedColumns();
            var placed = false;
            if (leftSafe && columns.All(leftName.ContainsKey))
            {
                toLeft.Add(Rename(c, leftName));
                placed = true;
            }
            if (rightSafe && columns.All(rightName.ContainsKey))
            {
                toRight.Add(Rename(c, rightName));
                placed = true;
            }
            if (!placed)
                stay.Add(c);
        }
        var pushed = join.WithInputs([Push(join.Left, toLeft), Push(join.Right, toRight)]);
        return Wrap(pushed, stay);
    }

    private static Expr Rename(Expr e, IReadOnlyDictionary<string, string> names) =>
        e.Transform(x => x is ColumnExpr c ? new ColumnExpr(names[c.Name]) : x);

    private static LogicalPlan Wrap(LogicalPlan node, List<Expr> conjuncts) =>
        PlanExpressions.And(conjuncts) is { } predicate ? new FilterNode(node, predicate) : node;
}
