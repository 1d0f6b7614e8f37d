using FramesNet.Columns;
using FramesNet.Expressions;

namespace FramesNet.Oracle.Tests.Plans;

/// <summary>
/// The oracle's own typing of expressions, from the rules Frames documents (README, TypeCoercion): numbers
/// meet in int64, uint64 (both unsigned) or float64 (either floating); `/` is float64; negation is int64 or
/// float64; strings, bools and dates meet their own kind; a date meets a timestamp as a timestamp; null meets
/// anything. The SQL translation casts operands to these types, so both engines compute in the same type.
/// </summary>
internal static class ExprTypes
{
    public static DataType Of(Expr expr, OracleSchema schema) => expr switch
    {
        ColumnExpr c => schema[c.Name].Type.Logical,
        LiteralExpr l => l.Type,
        AliasExpr a => Of(a.Input, schema),
        CastExpr c => Of(c.Input, schema) is var from && (from.Logical == c.Type || SqlCasts.Allowed(from, c.Type))
            ? c.Type : throw new InvalidOperationException($"the oracle does not make {c}"),
        BinaryExpr { IsArithmetic: true } b => Arithmetic(b.Op, Numeric(b.Left, schema), Numeric(b.Right, schema)),
        BinaryExpr { IsLogical: true } b => Booleans(schema, b.Left, b.Right),
        BinaryExpr b => ComparisonType(b.Left, Of(b.Left, schema), b.Right, Of(b.Right, schema)) is null
            ? throw new InvalidOperationException($"cannot compare in {b}") : DataType.Bool,
        UnaryExpr { Op: UnaryOp.Negate } u => Numeric(u.Input, schema).IsFloating ? DataType.Float64 : DataType.Int64,
        UnaryExpr { Op: UnaryOp.Not } u => Booleans(schema, u.Input),
        UnaryExpr u => Typed(u.Input, schema, DataType.Bool),
        InExpr i => i.Values.Aggregate((DataType?)Of(i.Input, schema), (t, v) => t is null ? null : ComparisonType(new ColumnExpr(""), t, v, v.Type)) is null
            ? throw new InvalidOperationException($"values of {i} do not meet") : DataType.Bool,
        CaseExpr c => Case(c, schema),
        FunctionExpr f => Function(f, schema),
        _ => throw new NotSupportedException(expr.GetType().Name),
    };

    private static DataType Case(CaseExpr c, OracleSchema schema)
    {
        Booleans(schema, Enumerable.Range(0, c.BranchCount).Select(c.Condition).ToArray());
        return Enumerable.Range(0, c.BranchCount).Select(c.Value).Append(c.Otherwise)
            .Aggregate(DataType.Null, (t, v) => Common(t, Of(v, schema)) ?? throw new InvalidOperationException($"branches of {c} do not meet"));
    }

    private static DataType Numeric(Expr e, OracleSchema schema)
    {
        var type = Of(e, schema);
        return type.IsNumeric || type.Id == TypeId.Null ? type : throw new InvalidOperationException($"{e} is {type}, not a number");
    }

    /// <summary>Bool, after checking that every operand is boolean (or null).</summary>
    private static DataType Booleans(OracleSchema schema, params Expr[] operands)
    {
        foreach (var e in operands)
        {
            var type = Of(e, schema);
            if (type.Id is not (TypeId.Bool or TypeId.Null))
                throw new InvalidOperationException($"{e} is {type}, not a boolean");
        }
        return DataType.Bool;
    }

    /// <summary><paramref name="result"/>, after checking that <paramref name="input"/> types.</summary>
    private static DataType Typed(Expr input, OracleSchema schema, DataType result)
    {
        Of(input, schema);
        return result;
    }

    /// <summary>Whether the expression reads an inexact column.</summary>
    public static bool IsExact(Expr expr, OracleSchema schema) =>
        expr.ReferencedColumns().All(c => schema[c].Exact);

    public static DataType Arithmetic(BinaryOp op, DataType left, DataType right) => op == BinaryOp.Divide
        ? DataType.Float64
        : CommonNumeric(Widened(left), Widened(right));

    public static DataType? Common(DataType a, DataType b)
    {
        a = a.Logical;
        b = b.Logical;
        if (a.Id == TypeId.Null) return b;
        if (b.Id == TypeId.Null) return a;
        if (a.IsNumeric && b.IsNumeric) return CommonNumeric(a, b);
        if (a.IsString && b.IsString) return DataType.Utf8;
        if (a.Id == TypeId.Bool && b.Id == TypeId.Bool) return DataType.Bool;
        if (a.Id == TypeId.Date32 && b.Id == TypeId.Date32) return DataType.Date32;
        if (a.IsTemporal && b.IsTemporal) return DataType.Timestamp(TimeUnit.Microsecond);
        return null;
    }

    public static DataType CommonNumeric(DataType a, DataType b)
    {
        if (a.IsFloating || b.IsFloating) return DataType.Float64;
        if (a.IsUnsignedInteger && b.IsUnsignedInteger) return DataType.UInt64;
        return DataType.Int64;
    }

    public static DataType Widened(DataType t) => t.Id == TypeId.Null ? DataType.Int64 : CommonNumeric(t, t);

    /// <summary>The type two compared operands meet in; a string literal meets a date or timestamp as that type.</summary>
    public static DataType? ComparisonType(Expr left, DataType l, Expr right, DataType r)
    {
        if (left is LiteralExpr { Type.IsString: true } && r.IsTemporal) return r;
        if (right is LiteralExpr { Type.IsString: true } && l.IsTemporal) return l;
        return Common(l, r);
    }

    private static DataType Function(FunctionExpr f, OracleSchema schema)
    {
        var args = f.Arguments.Select(a => Of(a, schema)).ToList();
        var ok = f.Name switch
        {
            FunctionName.Coalesce => true,
            FunctionName.Between => ComparisonType(f.Arguments[0], args[0], f.Arguments[1], args[1]) is not null
                && ComparisonType(f.Arguments[0], args[0], f.Arguments[2], args[2]) is not null,
            FunctionName.Year or FunctionName.Month or FunctionName.Day or FunctionName.DayOfWeek => args[0].IsTemporal || args[0].Id == TypeId.Null,
            FunctionName.Contains or FunctionName.StartsWith or FunctionName.EndsWith => (args[0].IsString || args[0].Id == TypeId.Null) && f.Arguments[1] is LiteralExpr { Value: string },
            _ => (args[0].IsString || args[0].Id == TypeId.Null) && f.Arguments.Skip(1).All(a => a is LiteralExpr { Value: long }),
        };
        return ok ? FunctionType(f, schema) : throw new InvalidOperationException($"{f} does not type");
    }

    private static DataType FunctionType(FunctionExpr f, OracleSchema schema) => f.Name switch
    {
        FunctionName.Coalesce => f.Arguments.Aggregate(DataType.Null, (t, a) => Common(t, Of(a, schema)) ?? throw new InvalidOperationException($"arguments of {f} do not meet")),
        FunctionName.Lower or FunctionName.Upper or FunctionName.Substring => DataType.Utf8,
        FunctionName.Length or FunctionName.Year or FunctionName.Month or FunctionName.Day or FunctionName.DayOfWeek => DataType.Int64,
        _ => DataType.Bool,
    };
}
