using FramesNet.Columns;
using FramesNet.Expressions;
using FramesNet.Oracle.Tests.Data;

namespace FramesNet.Oracle.Tests.Plans;

/// <summary>
/// Frames expressions as DuckDB SQL over a row of <see cref="OracleSchema"/>. Operands are cast to the type
/// Frames computes in (<see cref="ExprTypes"/>), so integer arithmetic is int64 or uint64 and `/` is float64
/// division (x/0 is ±inf, 0/0 NaN in both); `%` by an integer zero is null in both. Three-valued logic, IN
/// with nulls, CASE, COALESCE and BETWEEN (as two comparisons, each in its own common type) are SQL's.
/// </summary>
internal static class SqlExpressions
{
    public static string Translate(Expr expr, OracleSchema schema)
    {
        string T(Expr e) => Translate(e, schema);
        DataType Ty(Expr e) => ExprTypes.Of(e, schema);
        string As(Expr e, DataType to) => Sql.As(T(e), Ty(e), to);

        switch (expr)
        {
            case ColumnExpr c:
                return Sql.Name(c.Name);
            case LiteralExpr l:
                return Sql.Literal(l.Value, l.Type);
            case AliasExpr a:
                return T(a.Input);
            case CastExpr c:
                return SqlCasts.Translate(T(c.Input), Ty(c.Input), c.Type);
            case BinaryExpr { IsArithmetic: true } b:
            {
                var type = ExprTypes.Arithmetic(b.Op, Ty(b.Left), Ty(b.Right));
                return $"({As(b.Left, type)} {Symbol(b.Op)} {As(b.Right, type)})";
            }
            case BinaryExpr { IsLogical: true } b:
                return $"({As(b.Left, DataType.Bool)} {(b.Op == BinaryOp.And ? "AND" : "OR")} {As(b.Right, DataType.Bool)})";
            case BinaryExpr b:
            {
                var type = ExprTypes.ComparisonType(b.Left, Ty(b.Left), b.Right, Ty(b.Right))!;
                return $"({As(b.Left, type)} {Symbol(b.Op)} {As(b.Right, type)})";
            }
            case UnaryExpr { Op: UnaryOp.Not } u:
                return $"(NOT {As(u.Input, DataType.Bool)})";
            case UnaryExpr { Op: UnaryOp.Negate } u:
                return $"(-{As(u.Input, Ty(u))})";
            case UnaryExpr { Op: UnaryOp.IsNull } u:
                return $"({T(u.Input)} IS NULL)";
            case UnaryExpr u:
                return $"({T(u.Input)} IS NOT NULL)";
            case InExpr i:
            {
                var type = i.Values.Aggregate(Ty(i.Input), (t, v) => ExprTypes.ComparisonType(new ColumnExpr(""), t, v, v.Type)!);
                return $"({As(i.Input, type)} IN ({string.Join(", ", i.Values.Select(v => As(v, type)))}))";
            }
            case CaseExpr c:
            {
                var type = Ty(c);
                var branches = Enumerable.Range(0, c.BranchCount).Select(k => $"WHEN {As(c.Condition(k), DataType.Bool)} THEN {As(c.Value(k), type)}");
                return $"(CASE {string.Join(" ", branches)} ELSE {As(c.Otherwise, type)} END)";
            }
            case FunctionExpr f:
                return Function(f, schema);
            default:
                throw new NotSupportedException(expr.GetType().Name);
        }
    }

    private static string Function(FunctionExpr f, OracleSchema schema)
    {
        var args = f.Arguments;
        string T(Expr e) => Translate(e, schema);
        string Text(Expr e) => Sql.As(T(e), ExprTypes.Of(e, schema), DataType.Utf8);
        return f.Name switch
        {
            FunctionName.Coalesce => $"COALESCE({string.Join(", ", args.Select(a => Sql.As(T(a), ExprTypes.Of(a, schema), ExprTypes.Of(f, schema))))})",
            FunctionName.Between => Translate((args[0] >= args[1]) & (args[0] <= args[2]), schema),
            FunctionName.Contains => $"contains({Text(args[0])}, {T(args[1])})",
            FunctionName.StartsWith => $"starts_with({Text(args[0])}, {T(args[1])})",
            FunctionName.EndsWith => $"ends_with({Text(args[0])}, {T(args[1])})",
            FunctionName.Lower => $"lower({Text(args[0])})",
            FunctionName.Upper => $"upper({Text(args[0])})",
            FunctionName.Length => $"CAST(length({Text(args[0])}) AS BIGINT)",
            FunctionName.Substring when args.Count == 2 => $"substring({Text(args[0])}, {Start(args[1])})",
            FunctionName.Substring => $"substring({Text(args[0])}, {Start(args[1])}, {((LiteralExpr)args[2]).Value})",
            FunctionName.Year => $"CAST(year({T(args[0])}) AS BIGINT)",
            FunctionName.Month => $"CAST(month({T(args[0])}) AS BIGINT)",
            FunctionName.Day => $"CAST(day({T(args[0])}) AS BIGINT)",
            FunctionName.DayOfWeek => $"CAST(isodow({T(args[0])}) AS BIGINT)",
            _ => throw new NotSupportedException(f.Name.ToString()),
        };
    }

    /// <summary>Frames' substring start is 0-based, SQL's 1-based.</summary>
    private static string Start(Expr start) => ((long)((LiteralExpr)start).Value! + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Symbol(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Divide => "/",
        BinaryOp.Modulo => "%",
        BinaryOp.Equal => "=",
        BinaryOp.NotEqual => "<>",
        BinaryOp.Less => "<",
        BinaryOp.LessOrEqual => "<=",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterOrEqual => ">=",
        _ => throw new NotSupportedException(op.ToString()),
    };

    /// <summary>An aggregate over the input rows; first/last use the row's file order (<c>__rid</c>) and skip nulls.</summary>
    public static string Aggregate(AggregateExpr a, OracleSchema schema)
    {
        if (a.Input is null)
            return "count(*)";
        var x = Translate(a.Input, schema);
        var type = ExprTypes.Of(a.Input, schema);
        string Double() => Sql.As(x, type, DataType.Float64);
        return a.Function switch
        {
            AggregateFunction.Count => $"count({x})",
            AggregateFunction.CountDistinct => $"count(DISTINCT {x})",
            AggregateFunction.Sum => $"sum({Sql.As(x, type, type.IsFloating ? DataType.Float64 : DataType.Int64)})",
            AggregateFunction.Mean => $"avg({Double()})",
            AggregateFunction.Std => $"stddev_samp({Double()})",
            AggregateFunction.Var => $"var_samp({Double()})",
            AggregateFunction.Min => $"min({x})",
            AggregateFunction.Max => $"max({x})",
            AggregateFunction.First => $"arg_min({x}, {DuckDbTables.RowId}) FILTER (WHERE ({x}) IS NOT NULL)",
            AggregateFunction.Last => $"arg_max({x}, {DuckDbTables.RowId}) FILTER (WHERE ({x}) IS NOT NULL)",
            _ => throw new NotSupportedException(a.Function.ToString()),
        };
    }
}
