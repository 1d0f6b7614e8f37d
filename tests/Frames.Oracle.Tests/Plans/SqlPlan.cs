using FramesNet.Expressions;
using FramesNet.Oracle.Tests.Data;
using FramesNet.Plan;

namespace FramesNet.Oracle.Tests.Plans;

/// <summary>
/// A generated plan as one DuckDB query. Every node becomes a SELECT over its input's query whose columns
/// have Frames' output names; while rows are still a scan's in file order the hidden <c>__rid</c> rides
/// along for first/last. Sorts say NULLS FIRST/LAST explicitly (Frames: last unless nullsFirst, in either
/// direction); semi and anti joins are EXISTS / NOT EXISTS, so a null key never matches in either.
/// </summary>
internal static class SqlPlan
{
    /// <summary>The plan's query with exactly its output columns (no <c>__rid</c>).</summary>
    public static string Query(PlanNode node, IReadOnlyList<OracleTable> tables)
    {
        var schema = PlanSchemas.Of(node, tables);
        var sql = Translate(node, tables);
        return schema.ScanOrdered ? $"SELECT {Columns(schema with { ScanOrdered = false })} FROM ({sql}) AS q" : sql;
    }

    public static string Translate(PlanNode node, IReadOnlyList<OracleTable> tables)
    {
        var schema = PlanSchemas.Of(node, tables);
        switch (node)
        {
            case ScanPlan s:
                return $"SELECT {Columns(schema)} FROM {Sql.Name(tables[s.Table].Name)}";
            case FilterPlan f:
                return $"SELECT * FROM ({Translate(f.Input, tables)}) AS t WHERE {SqlExpressions.Translate(f.Predicate, PlanSchemas.Of(f.Input, tables))}";
            case SelectPlan or WithColumnPlan or DropPlan or RenamePlan:
                return Project((UnaryPlan)node, schema, tables);
            case AggregatePlan a:
            {
                var input = PlanSchemas.Of(a.Input, tables);
                var items = a.Keys.Select(k => $"{SqlExpressions.Translate(k, input)} AS {Sql.Name(k.OutputName)}")
                    .Concat(a.Aggregates.Select(g => $"{SqlExpressions.Aggregate(g, input)} AS {Sql.Name(g.Name)}"));
                var groupBy = a.Keys.Count == 0 ? "" : $" GROUP BY {string.Join(", ", Enumerable.Range(1, a.Keys.Count))}";
                return $"SELECT {string.Join(", ", items)} FROM ({Translate(a.Input, tables)}) AS t{groupBy}";
            }
            case DistinctPlan d:
                return $"SELECT DISTINCT {Columns(schema)} FROM ({Translate(d.Input, tables)}) AS t";
            case SortPlan s:
                return $"SELECT {Columns(schema)} FROM ({Translate(s.Input, tables)}) AS t ORDER BY {OrderBy(s.Keys)}";
            case HeadPlan { Input: SortPlan s } h:
                return $"{Translate(s, tables)} LIMIT {h.Count}";
            case HeadPlan h:
                return $"SELECT {Columns(schema)} FROM ({Translate(h.Input, tables)}) AS t LIMIT {h.Count}";
            case UnionPlan u:
                return $"SELECT {Columns(schema)} FROM ({Translate(u.First, tables)}) AS a UNION ALL SELECT {Columns(schema)} FROM ({Translate(u.Second, tables)}) AS b";
            case JoinPlan j:
                return Join(j, tables);
            default:
                throw new NotSupportedException(node.GetType().Name);
        }
    }

    public static string OrderBy(IEnumerable<SortKey> keys) =>
        string.Join(", ", keys.Select(k => $"{Sql.Name(k.Column)} {(k.Descending ? "DESC" : "ASC")} NULLS {(k.NullsGoFirst ? "FIRST" : "LAST")}"));

    private static string Columns(OracleSchema schema) =>
        string.Join(", ", schema.Names.Select(Sql.Name).Concat(schema.ScanOrdered ? [DuckDbTables.RowId] : []));

    private static string Project(UnaryPlan node, OracleSchema schema, IReadOnlyList<OracleTable> tables)
    {
        var input = PlanSchemas.Of(node.Input, tables);
        IReadOnlyList<Expr> columns = node switch
        {
            SelectPlan s => s.Columns,
            WithColumnPlan w => input.Names.Select(n => n == w.Name ? w.Value.Alias(n) : new ColumnExpr(n))
                .Concat(input.Find(w.Name) is null ? [w.Value.Alias(w.Name)] : []).ToList(),
            DropPlan d => input.Names.Except(d.Columns).Select(n => (Expr)new ColumnExpr(n)).ToList(),
            RenamePlan r => input.Names.Select(n => n == r.From ? new ColumnExpr(n).Alias(r.To) : new ColumnExpr(n)).ToList(),
            _ => throw new NotSupportedException(node.GetType().Name),
        };
        var items = columns.Select(e => $"{SqlExpressions.Translate(e, input)} AS {Sql.Name(e.OutputName)}");
        if (schema.ScanOrdered)
            items = items.Append(DuckDbTables.RowId);
        return $"SELECT {string.Join(", ", items)} FROM ({Translate(node.Input, tables)}) AS t";
    }

    private static string Join(JoinPlan j, IReadOnlyList<OracleTable> tables)
    {
        var left = PlanSchemas.Of(j.Left, tables);
        var right = PlanSchemas.Of(j.Right, tables);
        var on = string.Join(" AND ", j.LeftOn.Zip(j.RightOn, (l, r) =>
        {
            var type = ExprTypes.Common(left[l].Type, right[r].Type)!;
            return $"{Sql.As("l." + Sql.Name(l), left[l].Type, type)} = {Sql.As("r." + Sql.Name(r), right[r].Type, type)}";
        }));
        var l = Translate(j.Left, tables);
        var r = Translate(j.Right, tables);
        if (j.Type is JoinType.Semi or JoinType.Anti)
        {
            var items = string.Join(", ", left.Names.Select(n => "l." + Sql.Name(n)));
            return $"SELECT {items} FROM ({l}) AS l WHERE {(j.Type == JoinType.Anti ? "NOT " : "")}EXISTS (SELECT 1 FROM ({r}) AS r WHERE {on})";
        }
        var columns = PlanSchemas.JoinColumns(j, left, right).Select(c =>
        {
            var value = (c.Left, c.Right) switch
            {
                ({ } a, { } b) => $"COALESCE({Sql.As("l." + Sql.Name(a), left[a].Type, c.Field.Type)}, {Sql.As("r." + Sql.Name(b), right[b].Type, c.Field.Type)})",
                ({ } a, null) => Sql.As("l." + Sql.Name(a), left[a].Type, c.Field.Type),
                (null, { } b) => Sql.As("r." + Sql.Name(b), right[b].Type, c.Field.Type),
                _ => throw new InvalidOperationException("a join column comes from somewhere"),
            };
            return $"{value} AS {Sql.Name(c.Field.Name)}";
        });
        var kind = j.Type switch
        {
            JoinType.Inner => "INNER",
            JoinType.Left => "LEFT",
            JoinType.Right => "RIGHT",
            JoinType.Full => "FULL",
            _ => throw new NotSupportedException(j.Type.ToString()),
        };
        return $"SELECT {string.Join(", ", columns)} FROM ({l}) AS l {kind} JOIN ({r}) AS r ON {on}";
    }
}
