using FramesNet.Columns;
using FramesNet.Expressions;
using FramesNet.Oracle.Tests.Data;
using FramesNet.Plan;

namespace FramesNet.Oracle.Tests.Plans;

/// <summary>
/// The oracle's own idea of each node's output columns, from Frames' documentation: projections name a column
/// by its alias and give the expression's type (a dictionary column read through an expression is its value
/// type); a join keeps a key with the same name on both sides once (left; right for right joins; either for
/// full) in the type both keys meet, and suffixes clashing right names with <c>_right</c>; semi and anti
/// joins keep the left columns; aggregates are keys then aggregates.
/// </summary>
internal static class PlanSchemas
{
    public static OracleSchema Of(PlanNode node, IReadOnlyList<OracleTable> tables) => node switch
    {
        ScanPlan s => new OracleSchema(tables[s.Table].FileSchema.Fields.Select(f => new OracleField(f.Name, f.Type)).ToList(), ScanOrdered: true),
        FilterPlan f => Of(f.Input, tables),
        SelectPlan s => Project(Of(s.Input, tables), s.Columns),
        WithColumnPlan w => WithColumn(Of(w.Input, tables), w.Name, w.Value),
        DropPlan d => Project(Of(d.Input, tables), Of(d.Input, tables).Names.Except(d.Columns).Select(n => (Expr)new ColumnExpr(n)).ToList()),
        RenamePlan r => Project(Of(r.Input, tables), Of(r.Input, tables).Names.Select(n => n == r.From ? new ColumnExpr(n).Alias(r.To) : new ColumnExpr(n)).ToList()),
        AggregatePlan a => Aggregate(Of(a.Input, tables), a),
        DistinctPlan d => Of(d.Input, tables) with { ScanOrdered = false },
        SortPlan s => Of(s.Input, tables) with { ScanOrdered = false },
        HeadPlan h => Of(h.Input, tables) with { ScanOrdered = false },
        UnionPlan u => Union(Of(u.First, tables), Of(u.Second, tables)),
        JoinPlan j => new OracleSchema(JoinColumns(j, Of(j.Left, tables), Of(j.Right, tables)).Select(c => c.Field).ToList()),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    public static OracleSchema Project(OracleSchema input, IReadOnlyList<Expr> columns) =>
        new(columns.Select(e => new OracleField(e.OutputName, ExprTypes.Of(e, input), ExprTypes.IsExact(e, input))).ToList(), input.ScanOrdered);

    private static OracleSchema WithColumn(OracleSchema input, string name, Expr value)
    {
        var columns = input.Names.Select(n => n == name ? value.Alias(name) : new ColumnExpr(n)).ToList();
        if (input.Find(name) is null)
            columns.Add(value.Alias(name));
        return Project(input, columns);
    }

    private static OracleSchema Aggregate(OracleSchema input, AggregatePlan a)
    {
        var fields = a.Keys.Select(k => new OracleField(k.OutputName, ExprTypes.Of(k, input), ExprTypes.IsExact(k, input))).ToList();
        foreach (var aggregate in a.Aggregates)
        {
            var type = aggregate.Input is null ? DataType.Int64 : ExprTypes.Of(aggregate.Input, input);
            var exact = aggregate.Input is null || ExprTypes.IsExact(aggregate.Input, input);
            fields.Add(aggregate.Function switch
            {
                AggregateFunction.Count or AggregateFunction.CountDistinct => new OracleField(aggregate.Name, DataType.Int64),
                AggregateFunction.Sum => new OracleField(aggregate.Name, type.IsFloating ? DataType.Float64 : DataType.Int64,
                    exact && !type.IsFloating),
                AggregateFunction.Mean or AggregateFunction.Std or AggregateFunction.Var => new OracleField(aggregate.Name, DataType.Float64, false),
                _ => new OracleField(aggregate.Name, type, exact),
            });
        }
        return new OracleSchema(fields);
    }

    private static OracleSchema Union(OracleSchema first, OracleSchema second) =>
        new(first.Fields.Zip(second.Fields, (a, b) => a with { Exact = a.Exact && b.Exact }).ToList());

    /// <summary>Where a join's output column comes from: a left column, a right column, or (a shared key) both.</summary>
    public sealed record JoinColumn(OracleField Field, string? Left, string? Right);

    public static IReadOnlyList<JoinColumn> JoinColumns(JoinPlan j, OracleSchema left, OracleSchema right)
    {
        var shared = j.LeftOn.Zip(j.RightOn).Where(p => p.First == p.Second).Select(p => p.First).ToHashSet();
        var keepsRight = j.Type is not (JoinType.Semi or JoinType.Anti);
        var columns = new List<JoinColumn>();
        foreach (var field in left.Fields)
        {
            if (shared.Contains(field.Name) && keepsRight)
            {
                var r = right[field.Name];
                var type = ExprTypes.Common(field.Type, r.Type)!;
                var exact = field.Exact && r.Exact;
                columns.Add(j.Type switch
                {
                    JoinType.Right => new JoinColumn(new OracleField(field.Name, type, exact), null, field.Name),
                    JoinType.Full => new JoinColumn(new OracleField(field.Name, type, exact), field.Name, field.Name),
                    _ => new JoinColumn(new OracleField(field.Name, type, exact), field.Name, null),
                });
            }
            else
            {
                columns.Add(new JoinColumn(field, field.Name, null));
            }
        }
        if (!keepsRight)
            return columns;
        var taken = columns.Select(c => c.Field.Name).ToHashSet();
        foreach (var field in right.Fields.Where(f => !shared.Contains(f.Name)))
        {
            var name = field.Name;
            while (!taken.Add(name))
                name += "_right";
            columns.Add(new JoinColumn(field with { Name = name }, null, field.Name));
        }
        return columns;
    }
}
