using FramesNet.Columns;
using FramesNet.Expressions;
using FramesNet.Oracle.Tests.Data;
using FramesNet.Plan;
using static FramesNet.Frames;

namespace FramesNet.Oracle.Tests.Plans;

/// <summary>
/// Random plans over generated tables: chains of filter, select, with-column, drop, rename, join (every type,
/// one or two keys, several in a row), aggregate, distinct, a top-k over all columns, and union, then
/// optionally a sort and/or a head on top. Every step is typed against the oracle's schema, so each plan is
/// valid. A head below the top sorts by every column first, so the rows it keeps are determined.
/// </summary>
internal sealed class PlanGenerator(Random random, IReadOnlyList<OracleTable> tables)
{
    private int _names;

    private bool Chance(int percent) => random.Next(100) < percent;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private OracleSchema Schema(PlanNode node) => PlanSchemas.Of(node, tables);

    private string Fresh(string prefix) => $"{prefix}{_names++}";

    public PlanNode Generate(int depth)
    {
        var plan = Relation(depth);
        var schema = Schema(plan);
        var sortable = schema.Fields.Where(f => f.Exact).ToList();
        if (Chance(35) && sortable.Count > 0)
            plan = new SortPlan(plan, sortable.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(f => Key(f.Name)).ToList());
        if (Chance(25))
            plan = new HeadPlan(plan, random.Next(0, 25));
        return plan;
    }

    private SortKey Key(string column) => new(column, Chance(50), random.Next(3) switch { 0 => null, 1 => true, _ => false });

    private PlanNode Relation(int depth)
    {
        if (depth <= 0 || Chance(15))
            return new ScanPlan(random.Next(tables.Count));
        var input = Relation(depth - 1);
        var schema = Schema(input);
        var expressions = new ExprGenerator(random, schema);
        switch (random.Next(16))
        {
            case 0 or 1 or 2:
                return new FilterPlan(input, expressions.Generate(ValueKind.Bool, random.Next(1, 4)));
            case 3 or 4:
            {
                var existing = schema.Fields.Where(f => f.Exact).ToList();
                var name = existing.Count > 0 && Chance(30) ? Pick(existing).Name : Fresh("c");
                return new WithColumnPlan(input, name, expressions.Generate((ValueKind)random.Next(6), random.Next(0, 4)));
            }
            case 5:
            {
                var kept = schema.Names.Where(_ => Chance(60)).Select(n => (Expr)Col(n)).ToList();
                var added = Enumerable.Range(0, random.Next(kept.Count == 0 ? 1 : 0, 3))
                    .Select(_ => expressions.Generate((ValueKind)random.Next(6), random.Next(0, 4)).Alias(Fresh("e")));
                return new SelectPlan(input, kept.Concat(added).ToList());
            }
            case 6 when schema.Fields.Count > 1:
                return new DropPlan(input, [Pick(schema.Names.ToList())]);
            case 7:
                return new RenamePlan(input, Pick(schema.Names.ToList()), Fresh("r"));
            case 8 or 9 or 10:
                return Join(input, depth);
            case 11 or 12:
                return Aggregate(input, schema, expressions);
            case 13:
                return new DistinctPlan(Exact(input, schema));
            case 14:
            {
                var exact = Exact(input, schema);
                return new HeadPlan(new SortPlan(exact, Schema(exact).Names.OrderBy(_ => random.Next()).Select(Key).ToList()), random.Next(0, 30));
            }
            default:
                return Union(input, schema, depth);
        }
    }

    /// <summary>The plan with its inexact columns dropped (at least one column stays: a count when none is exact).</summary>
    private PlanNode Exact(PlanNode input, OracleSchema schema)
    {
        if (schema.AllExact)
            return input;
        var exact = schema.Fields.Where(f => f.Exact).Select(f => (Expr)Col(f.Name)).ToList();
        return exact.Count > 0 ? new SelectPlan(input, exact) : new AggregatePlan(input, [], [Count().Alias(Fresh("a"))]);
    }

    private PlanNode Join(PlanNode left, int depth)
    {
        var right = Chance(50) ? new ScanPlan(random.Next(tables.Count)) : Relation(depth - 1);
        var l = Schema(left);
        var r = Schema(right);
        var pairs = new List<(string Left, string Right)>();
        foreach (var a in l.Fields.Where(Joinable).OrderBy(_ => random.Next()))
        {
            var same = r.Find(a.Name) is { } s && Joinable(s) && ExprTypes.Common(a.Type, s.Type) is not null && Chance(80);
            var candidates = r.Fields.Where(b => Joinable(b) && ExprTypes.Common(a.Type, b.Type) is { } t && !t.IsFloating && pairs.All(p => p.Right != b.Name)).ToList();
            if (same && pairs.All(p => p.Right != a.Name))
                pairs.Add((a.Name, a.Name));
            else if (candidates.Count > 0 && Chance(40))
                pairs.Add((a.Name, Pick(candidates).Name));
            if (pairs.Count == 2 || (pairs.Count == 1 && Chance(70)))
                break;
        }
        if (pairs.Count == 0)
            return left;
        var type = (JoinType)random.Next(Enum.GetValues<JoinType>().Length);
        return new JoinPlan(left, right, type, pairs.Select(p => p.Left).ToList(), pairs.Select(p => p.Right).ToList());
    }

    private static bool Joinable(OracleField field) => field.Exact && !field.Type.Logical.IsFloating;

    private PlanNode Aggregate(PlanNode input, OracleSchema schema, ExprGenerator expressions)
    {
        var keys = schema.Fields.Where(f => f.Exact).OrderBy(_ => random.Next()).Take(random.Next(0, 3)).Select(f => (Expr)Col(f.Name)).ToList();
        if (Chance(20))
            keys.Add(expressions.Generate((ValueKind)random.Next(6), 1).Alias(Fresh("g")));
        var aggregates = new List<AggregateExpr>();
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            var function = (AggregateFunction)random.Next(Enum.GetValues<AggregateFunction>().Length);
            if (function is AggregateFunction.First or AggregateFunction.Last && !schema.ScanOrdered)
                function = AggregateFunction.Max;
            var kind = function switch
            {
                AggregateFunction.Sum or AggregateFunction.Mean or AggregateFunction.Std or AggregateFunction.Var => Chance(50) ? ValueKind.Int : ValueKind.Float,
                _ => (ValueKind)random.Next(6),
            };
            var argument = expressions.Generate(kind, random.Next(0, 3));
            var aggregate = function == AggregateFunction.Count && Chance(40) ? Count() : new AggregateExpr(function, argument);
            aggregates.Add(aggregate.Alias(Fresh("a")));
        }
        return new AggregatePlan(input, keys, aggregates);
    }

    private PlanNode Union(PlanNode input, OracleSchema schema, int depth)
    {
        if (Chance(40))
            return new UnionPlan(input, new FilterPlan(input, new ExprGenerator(random, schema).Generate(ValueKind.Bool, 2)));
        var other = Relation(depth - 1);
        var targets = Enumerable.Range(0, random.Next(1, 4))
            .Select(_ => Pick([DataType.Int64, DataType.Float64, DataType.Utf8, DataType.Bool, DataType.Date32])).ToList();
        var names = targets.Select(_ => Fresh("u")).ToList();
        return new UnionPlan(Layout(input, schema, targets, names), Layout(other, Schema(other), targets, names));
    }

    private static Expr Cast(OracleField field, DataType type) =>
        SqlCasts.CanFail(field.Type, type) ? Col(field.Name).TryCast(type) : Col(field.Name).Cast(type);

    /// <summary>Projects <paramref name="plan"/> to the given column types: a column of that type, a cast column, or a literal.</summary>
    private SelectPlan Layout(PlanNode plan, OracleSchema schema, IReadOnlyList<DataType> targets, IReadOnlyList<string> names)
    {
        var generator = new ExprGenerator(random, schema);
        var columns = targets.Select((type, i) =>
        {
            var same = schema.Fields.Where(f => f.Exact && f.Type.Logical == type).ToList();
            var castable = schema.Fields.Where(f => f.Exact && SqlCasts.Allowed(f.Type, type)).ToList();
            Expr value = same.Count > 0 && Chance(60) ? Col(Pick(same).Name)
                : castable.Count > 0 && Chance(60) ? Cast(Pick(castable), type)
                : generator.Literal(ExprGenerator.KindOf(type)!.Value);
            return value.Alias(names[i]);
        }).ToList();
        return new SelectPlan(plan, columns);
    }
}
