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
        LogicalPlan Unpruned() => join.WithInputs([Prune(join.Left, null), Prune(join.Right, null)]);
        if (required is null)
            return Unpruned();
        var outputs = join.OutputColumns();
        var byName = outputs.ToDictionary(c => c.Field.Name);
        var left = new HashSet<string>(join.LeftKeys);
        var right = new HashSet<string>(join.RightKeys);
        // A right column takes its name after the names already taken (A, then A_right, …): the columns that took
        // those names stay, or pruning them would hand it a shorter name. Kept columns are processed until none is added.
        var done = new HashSet<string>();
        bool added;
        do
        {
            added = false;
            foreach (var column in outputs)
            {
                var leftName = column.LeftIndex >= 0 ? join.Left.Schema[column.LeftIndex].Name : null;
                var rightName = column.RightIndex >= 0 ? join.Right.Schema[column.RightIndex].Name : null;
                var kept = required.Contains(column.Field.Name) || (leftName is not null && left.Contains(leftName)) || (rightName is not null && right.Contains(rightName));
                if (!kept || !done.Add(column.Field.Name))
                    continue;
                added = true;
                if (leftName is not null)
                    left.Add(leftName);
                if (rightName is null)
                    continue;
                right.Add(rightName);
                if (leftName is null)
                    for (var name = rightName; name != column.Field.Name && name.Length < column.Field.Name.Length; name += join.Suffix)
                        if (byName.TryGetValue(name, out var taken))
                        {
                            if (taken.LeftIndex >= 0) left.Add(join.Left.Schema[taken.LeftIndex].Name);
                            if (taken.RightIndex >= 0) right.Add(join.Right.Schema[taken.RightIndex].Name);
                        }
            }
        }
        while (added);
        var pruned = (JoinNode)join.WithInputs([Prune(join.Left, left), Prune(join.Right, right)]);
        return SameSources(join, pruned, required) ? pruned : Unpruned();
    }

    /// <summary>Every required output column of <paramref name="pruned"/> has its name and comes from the same input columns as in <paramref name="join"/>.</summary>
    private static bool SameSources(JoinNode join, JoinNode pruned, IReadOnlySet<string> required)
    {
        static (string?, string?) Source(JoinNode j, JoinNode.OutputColumn c) =>
            (c.LeftIndex >= 0 ? j.Left.Schema[c.LeftIndex].Name : null, c.RightIndex >= 0 ? j.Right.Schema[c.RightIndex].Name : null);
        var after = pruned.OutputColumns().ToDictionary(c => c.Field.Name);
        return join.OutputColumns().Where(c => required.Contains(c.Field.Name))
            .All(c => after.TryGetValue(c.Field.Name, out var p) && Source(join, c) == Source(pruned, p));
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
