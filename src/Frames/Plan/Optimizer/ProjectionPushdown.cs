using FramesNet.Expressions;

namespace FramesNet.Plan.Optimizer;

/// <summary>
/// Works out, top-down, which columns each node really needs and prunes the rest: unused projections
/// and aggregates disappear, and scans read only the needed columns (a CSV scan then parses only those).
/// The plan's output columns stay the same.
/// </summary>
public sealed class ProjectionPushdown : IOptimizerRule
{
    public string Name => "projection_pushdown";

    public LogicalPlan Rewrite(LogicalPlan plan, OptimizerOptions options)
    {
        var pruned = Prune(plan, null);
        return SameColumns(pruned, plan) ? pruned : new ProjectNode(pruned, plan.Schema.Fields.Select(f => (Expr)new ColumnExpr(f.Name)).ToArray());
    }

    private static bool SameColumns(LogicalPlan a, LogicalPlan b) =>
        a.Schema.Fields.Select(f => f.Name).SequenceEqual(b.Schema.Fields.Select(f => f.Name));

    /// <summary>A plan producing at least <paramref name="required"/> of <paramref name="node"/>'s columns (all when null).</summary>
    private static LogicalPlan Prune(LogicalPlan node, IReadOnlySet<string>? required)
    {
        switch (node)
        {
            case ScanNode scan:
            {
                if (required is null)
                    return scan;
                return scan.WithColumns(scan.Columns.Where(required.Contains).ToArray());
            }
            case ProjectNode project:
            {
                var kept = required is null ? project.Expressions : project.Expressions.Where(e => required.Contains(e.OutputName)).ToArray();
                var input = Prune(project.Input, Refs(kept));
                if (kept.All(e => e is ColumnExpr) && kept.Select(e => e.OutputName).SequenceEqual(input.Schema.Fields.Select(f => f.Name)))
                    return input; // the projection would change nothing
                return new ProjectNode(input, kept);
            }
            case FilterNode filter:
                return new FilterNode(Prune(filter.Input, Union(required, filter.Predicate.ReferencedColumns())), filter.Predicate);
            case AggregateNode aggregate:
            {
                var aggregates = required is null ? aggregate.Aggregates : aggregate.Aggregates.Where(a => required.Contains(a.Name)).ToArray();
                var needed = Refs(aggregate.Keys);
                foreach (var a in aggregates)
                    if (a.Input is not null)
                        needed.UnionWith(a.Input.ReferencedColumns());
                return new AggregateNode(Prune(aggregate.Input, needed), aggregate.Keys, aggregates);
            }
            case JoinNode join:
                return PruneJoin(join, required);
            case SortNode sort:
                return sort.WithInputs([Prune(sort.Input, Union(required, sort.Keys.Select(k => k.Column)))]);
            case RepartitionNode repartition:
                return repartition.WithInputs([Prune(repartition.Input, Union(required, repartition.Keys))]);
            case LimitNode limit:
                return limit.WithInputs([Prune(limit.Input, required)]);
            case UnionNode union:
            {
                // Every input must keep the same columns in the same order.
                var names = union.Schema.Fields.Select(f => f.Name).Where(n => required is null || required.Contains(n)).ToArray();
                return new UnionNode(union.Inputs.Select(i => Exactly(Prune(i, names.ToHashSet()), names)).ToArray());
            }
            default: // Distinct and MapPartitions need every input column
                return node.WithInputs(node.Inputs.Select(i => Prune(i, null)).ToArray());
        }
    }

    private static LogicalPlan PruneJoin(JoinNode join, IReadOnlySet<string>? required)
    {
        if (required is null)
            return join.WithInputs([Prune(join.Left, null), Prune(join.Right, null)]);
        var left = new HashSet<string>(join.LeftKeys);
        var right = new HashSet<string>(join.RightKeys);
        foreach (var column in join.OutputColumns())
        {
            if (!required.Contains(column.Field.Name))
                continue;
            if (column.LeftIndex >= 0) left.Add(join.Left.Schema[column.LeftIndex].Name);
            if (column.RightIndex >= 0) right.Add(join.Right.Schema[column.RightIndex].Name);
        }
        // Keep the columns that give right columns their suffixed names, so output names do not change: a right
        // column 's' that came out as 's_right_right' needs the left 's' and 's_right' (or the right column
        // that took 's_right') to stay.
        foreach (var name in right)
            if (join.Left.Schema.TryIndexOf(name) >= 0)
                left.Add(name);
        var outputs = join.OutputColumns();
        foreach (var column in outputs.Where(c => c.LeftIndex < 0 && required.Contains(c.Field.Name)))
        {
            for (var name = join.Right.Schema[column.RightIndex].Name; name != column.Field.Name; name += join.Suffix)
            {
                if (join.Left.Schema.TryIndexOf(name) >= 0)
                    left.Add(name);
                foreach (var taker in outputs.Where(o => o.LeftIndex < 0 && o.Field.Name == name))
                    right.Add(join.Right.Schema[taker.RightIndex].Name);
            }
        }
        return join.WithInputs([Prune(join.Left, left), Prune(join.Right, right)]);
    }

    private static LogicalPlan Exactly(LogicalPlan plan, IReadOnlyList<string> names) =>
        plan.Schema.Fields.Select(f => f.Name).SequenceEqual(names)
            ? plan
            : new ProjectNode(plan, names.Select(n => (Expr)new ColumnExpr(n)).ToArray());

    private static HashSet<string> Refs(IEnumerable<Expr> expressions)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in expressions)
            names.UnionWith(e.ReferencedColumns());
        return names;
    }

    private static IReadOnlySet<string>? Union(IReadOnlySet<string>? required, IEnumerable<string> more) =>
        required is null ? null : new HashSet<string>(required.Concat(more), StringComparer.Ordinal);
}
