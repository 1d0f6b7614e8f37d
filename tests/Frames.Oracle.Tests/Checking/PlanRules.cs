using FramesNet.Expressions;
using FramesNet.Oracle.Tests.Data;
using FramesNet.Oracle.Tests.Plans;

namespace FramesNet.Oracle.Tests.Checking;

/// <summary>
/// What makes a plan's answer determined, so that any difference from DuckDB is a bug: a head below the top
/// sorts by every column first; first/last read rows still in a scan's file order; filters, keys, sorts and
/// distincts use only exact columns; join keys are not floats. The generator keeps these by construction;
/// the shrinker's candidates are checked against them.
/// </summary>
internal static class PlanRules
{
    public static string? Violation(PlanNode plan, IReadOnlyList<OracleTable> tables)
    {
        try
        {
            PlanSchemas.Of(plan, tables);
            return Walk(plan, tables, isRoot: true);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or NullReferenceException or NotSupportedException)
        {
            return $"does not type: {e.Message}";
        }
    }

    private static string? Walk(PlanNode node, IReadOnlyList<OracleTable> tables, bool isRoot)
    {
        var own = Check(node, tables, isRoot);
        return own ?? node.Inputs.Select(i => Walk(i, tables, isRoot: false)).FirstOrDefault(v => v is not null);
    }

    /// <summary>Expressions the schema walk does not type: predicates, aggregate inputs, sort and join keys.</summary>
    private static string? Mistyped(PlanNode node, IReadOnlyList<OracleTable> tables)
    {
        OracleSchema In(PlanNode n) => PlanSchemas.Of(n, tables);
        switch (node)
        {
            case FilterPlan f when ExprTypes.Of(f.Predicate, In(f.Input)).Id is not (Columns.TypeId.Bool or Columns.TypeId.Null):
                return "filter is not boolean";
            case AggregatePlan a:
                foreach (var g in a.Aggregates.Where(g => g.Input is not null))
                {
                    var type = ExprTypes.Of(g.Input!, In(a.Input));
                    var numeric = g.Function is AggregateFunction.Sum or AggregateFunction.Mean or AggregateFunction.Std or AggregateFunction.Var;
                    if (numeric && !type.IsNumeric)
                        return $"{g} needs numbers";
                    if (g.Function is AggregateFunction.Min or AggregateFunction.Max && type.Id == Columns.TypeId.Null)
                        return $"{g} of null";
                }
                return a.Aggregates.Select(g => g.Name).Concat(a.Keys.Select(k => k.OutputName)).GroupBy(n => n).Any(g => g.Count() > 1) ? "duplicate names" : null;
            case SortPlan s:
                return s.Keys.All(k => In(s.Input).Find(k.Column) is not null) ? null : "sort key missing";
            case JoinPlan j:
                return j.LeftOn.All(k => In(j.Left).Find(k) is not null) && j.RightOn.All(k => In(j.Right).Find(k) is not null) ? null : "join key missing";
            case SelectPlan s:
                return s.Columns.Select(c => c.OutputName).GroupBy(n => n).Any(g => g.Count() > 1) ? "duplicate names" : null;
            case UnionPlan u:
                return In(u.First).Fields.Select(f => (f.Name, f.Type)).SequenceEqual(In(u.Second).Fields.Select(f => (f.Name, f.Type))) ? null : "union sides differ";
            default:
                return null;
        }
    }

    private static string? Check(PlanNode node, IReadOnlyList<OracleTable> tables, bool isRoot)
    {
        OracleSchema In(PlanNode n) => PlanSchemas.Of(n, tables);
        if (Mistyped(node, tables) is { } mistyped)
            return mistyped;
        switch (node)
        {
            case HeadPlan h when !isRoot:
                if (h.Input is not SortPlan sort || !In(sort.Input).AllExact || !In(sort.Input).Names.All(n => sort.Keys.Any(k => k.Column == n)))
                    return "a head below the top must sort by every (exact) column";
                return null;
            case SortPlan s:
                return s.Keys.All(k => In(s.Input)[k.Column].Exact) ? null : "sort key is inexact";
            case FilterPlan f:
                return ExprTypes.IsExact(f.Predicate, In(f.Input)) ? null : "filter reads an inexact column";
            case DistinctPlan d:
                return In(d.Input).AllExact ? null : "distinct over inexact columns";
            case AggregatePlan a:
                if (!a.Keys.All(k => ExprTypes.IsExact(k, In(a.Input))))
                    return "group key is inexact";
                if (a.Aggregates.Any(g => g.Function is AggregateFunction.First or AggregateFunction.Last) && !In(a.Input).ScanOrdered)
                    return "first/last over rows not in file order";
                if (a.Aggregates.Any(g => g.Input is not null && !ExprTypes.IsExact(g.Input, In(a.Input)) && g.Function is not (AggregateFunction.Count or AggregateFunction.Sum or AggregateFunction.Mean or AggregateFunction.Std or AggregateFunction.Var)))
                    return "an order-sensitive aggregate of an inexact column";
                return null;
            case JoinPlan j:
            {
                var (l, r) = (In(j.Left), In(j.Right));
                var ok = j.LeftOn.Zip(j.RightOn).All(p => l[p.First].Exact && r[p.Second].Exact && ExprTypes.Common(l[p.First].Type, r[p.Second].Type) is { IsFloating: false });
                return ok ? null : "join keys must be exact and not floats";
            }
            default:
                return null;
        }
    }
}
