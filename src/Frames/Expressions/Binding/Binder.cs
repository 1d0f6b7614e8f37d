using FramesNet.Columns;

namespace FramesNet.Expressions.Binding;

/// <summary>Types an <see cref="Expr"/> against a schema: resolves columns, checks operand types, inserts casts.</summary>
internal static class Binder
{
    public static BoundExpr Bind(Expr expr, Schema schema) => expr switch
    {
        ColumnExpr c => BindColumn(c, schema),
        LiteralExpr l => new BoundLiteral(l.Value, l.Type),
        AliasExpr a => Bind(a.Input, schema),
        BinaryExpr b => BindBinary(b, schema),
        UnaryExpr u => BindUnary(u, schema),
        CastExpr c => BindCast(c, schema),
        FunctionExpr f => BindFunction(f, schema),
        InExpr i => BindIn(i, schema),
        CaseExpr c => BindCase(c, schema),
        _ => throw new ExpressionException($"cannot evaluate {expr.GetType().Name} '{expr}'"),
    };

    /// <summary>The field a projection of <paramref name="expr"/> produces.</summary>
    public static Field OutputField(Expr expr, Schema schema)
    {
        var bound = Bind(expr, schema);
        return new Field(expr.OutputName, bound.Type, bound.Nullable);
    }

    /// <summary>Binds a predicate and checks that it is boolean.</summary>
    public static BoundExpr BindPredicate(Expr expr, Schema schema)
    {
        var bound = Bind(expr, schema);
        if (bound.Type.Id is not (TypeId.Bool or TypeId.Null))
            throw new ExpressionException($"a filter needs a boolean condition, but '{expr}' is {bound.Type}");
        return bound;
    }

    private static BoundExpr BindColumn(ColumnExpr c, Schema schema)
    {
        var index = schema.TryIndexOf(c.Name);
        if (index < 0)
            throw new ExpressionException(schema.ColumnNotFoundMessage(c.Name));
        var field = schema[index];
        var type = field.Type.Id == TypeId.Dictionary ? field.Type.ValueType! : field.Type;
        return new BoundColumn(index, field.Name, type, field.Nullable);
    }

    /// <summary><paramref name="e"/> as <paramref name="type"/>: literals are converted now, anything else gets a cast.</summary>
    internal static BoundExpr CastTo(BoundExpr e, DataType type, Expr source)
    {
        if (e.Type == type)
            return e;
        if (e is BoundLiteral literal)
        {
            var value = LiteralConversion.Convert(literal.Value, literal.Type, type);
            if (value is null && literal.Value is not null)
                throw new ExpressionException($"the literal {source} does not convert to {type}");
            return new BoundLiteral(value, type);
        }
        return new BoundCast(e, type, source.ToString());
    }

    private static BoundExpr BindBinary(BinaryExpr b, Schema schema)
    {
        var left = Bind(b.Left, schema);
        var right = Bind(b.Right, schema);
        var nullable = left.Nullable || right.Nullable;
        if (b.IsLogical)
        {
            RequireBool(left, b.Left, b);
            RequireBool(right, b.Right, b);
            return new BoundCall(b.Op == BinaryOp.And ? ScalarFunction.And : ScalarFunction.Or,
                [CastTo(left, DataType.Bool, b.Left), CastTo(right, DataType.Bool, b.Right)], DataType.Bool, nullable);
        }
        if (b.IsArithmetic)
        {
            RequireNumeric(left, b.Left, b);
            RequireNumeric(right, b.Right, b);
            var type = b.Op == BinaryOp.Divide
                ? DataType.Float64
                : TypeCoercion.CommonNumeric(TypeCoercion.Widened(left.Type), TypeCoercion.Widened(right.Type));
            // Integer modulo by zero gives null, so a modulo is nullable whatever its operands are.
            return new BoundCall(ArithmeticFunction(b.Op), [CastTo(left, type, b.Left), CastTo(right, type, b.Right)], type,
                nullable || (b.Op == BinaryOp.Modulo && type.IsInteger));
        }
        var common = CommonForComparison(left, right)
            ?? throw new ExpressionException($"cannot compare {b.Left} ({left.Type}) with {b.Right} ({right.Type}) in '{b}'");
        return new BoundCall(ComparisonFunction(b.Op), [CastTo(left, common, b.Left), CastTo(right, common, b.Right)], DataType.Bool, nullable);
    }

    /// <summary>A string literal meets a date or timestamp column as that type (<c>Col("day") &gt; "2024-06-01"</c>).</summary>
    private static DataType? CommonForComparison(BoundExpr left, BoundExpr right)
    {
        if (left is BoundLiteral { Type.IsString: true } && right.Type.IsTemporal) return right.Type;
        if (right is BoundLiteral { Type.IsString: true } && left.Type.IsTemporal) return left.Type;
        return TypeCoercion.Common(left.Type, right.Type);
    }

    private static BoundExpr BindUnary(UnaryExpr u, Schema schema)
    {
        var input = Bind(u.Input, schema);
        switch (u.Op)
        {
            case UnaryOp.Not:
                RequireBool(input, u.Input, u);
                return new BoundCall(ScalarFunction.Not, [CastTo(input, DataType.Bool, u.Input)], DataType.Bool, input.Nullable);
            case UnaryOp.Negate:
                RequireNumeric(input, u.Input, u);
                var type = input.Type.IsFloating ? DataType.Float64 : DataType.Int64;
                return new BoundCall(ScalarFunction.Negate, [CastTo(input, type, u.Input)], type, input.Nullable);
            case UnaryOp.IsNull:
                return new BoundCall(ScalarFunction.IsNull, [input], DataType.Bool, false);
            default:
                return new BoundCall(ScalarFunction.IsNotNull, [input], DataType.Bool, false);
        }
    }

    private static BoundExpr BindCast(CastExpr c, Schema schema)
    {
        var input = Bind(c.Input, schema);
        if (c.Type.Id == TypeId.Dictionary || !TypeCoercion.CanCast(input.Type, c.Type))
            throw new ExpressionException($"cannot cast {c.Input} from {input.Type} to {c.Type}");
        if (input.Type == c.Type)
            return input;
        if (input is not BoundLiteral literal)
            return new BoundCast(input, c.Type, c.OrNull ? null : c.Input.ToString());
        if (LiteralConversion.TryConvert(literal.Value, literal.Type, c.Type, out var value) || c.OrNull)
            return new BoundLiteral(value, c.Type);
        throw new ExpressionException(CastFailure.Message(literal.Value, literal.Type, c.Type, c.Input.ToString()));
    }

    private static BoundExpr BindIn(InExpr i, Schema schema)
    {
        var input = Bind(i.Input, schema);
        var values = i.Values.Select(v => (BoundLiteral)Bind(v, schema)).ToArray();
        var common = values.Aggregate((DataType?)input.Type, (t, v) => t is null ? null : CommonForComparison(new BoundColumn(0, "", t, true), v))
            ?? throw new ExpressionException($"the values of '{i}' do not match {i.Input} ({input.Type})");
        return new BoundIn(CastTo(input, common, i.Input), values.Select(v => (BoundLiteral)CastTo(v, common, i)).ToArray());
    }

    private static BoundExpr BindCase(CaseExpr c, Schema schema)
    {
        var conditions = new BoundExpr[c.BranchCount];
        var values = new BoundExpr[c.BranchCount];
        for (var k = 0; k < c.BranchCount; k++)
        {
            conditions[k] = Bind(c.Condition(k), schema);
            RequireBool(conditions[k], c.Condition(k), c);
            conditions[k] = CastTo(conditions[k], DataType.Bool, c.Condition(k));
            values[k] = Bind(c.Value(k), schema);
        }
        var otherwise = Bind(c.Otherwise, schema);
        var type = values.Append(otherwise).Aggregate((DataType?)DataType.Null, (t, v) => t is null ? null : TypeCoercion.Common(t, v.Type))
            ?? throw new ExpressionException($"the branches of '{c}' have types that do not meet: {string.Join(", ", values.Append(otherwise).Select(v => v.Type))}");
        return new BoundCase(conditions, values.Select((v, k) => CastTo(v, type, c.Value(k))).ToArray(), CastTo(otherwise, type, c.Otherwise), type);
    }

    private static BoundExpr BindFunction(FunctionExpr f, Schema schema) => FunctionBinder.Bind(f, schema);

    internal static void RequireBool(BoundExpr e, Expr source, Expr whole)
    {
        if (e.Type.Id is not (TypeId.Bool or TypeId.Null))
            throw new ExpressionException($"{source} is {e.Type}, but '{whole}' needs a boolean");
    }

    internal static void RequireNumeric(BoundExpr e, Expr source, Expr whole)
    {
        if (!e.Type.IsNumeric && e.Type.Id != TypeId.Null)
            throw new ExpressionException($"{source} is {e.Type}, but '{whole}' needs a number");
    }

    private static ScalarFunction ArithmeticFunction(BinaryOp op) => op switch
    {
        BinaryOp.Add => ScalarFunction.Add,
        BinaryOp.Subtract => ScalarFunction.Subtract,
        BinaryOp.Multiply => ScalarFunction.Multiply,
        BinaryOp.Divide => ScalarFunction.Divide,
        BinaryOp.Modulo => ScalarFunction.Modulo,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not an arithmetic operator"),
    };

    private static ScalarFunction ComparisonFunction(BinaryOp op) => op switch
    {
        BinaryOp.Equal => ScalarFunction.Equal,
        BinaryOp.NotEqual => ScalarFunction.NotEqual,
        BinaryOp.Less => ScalarFunction.Less,
        BinaryOp.LessOrEqual => ScalarFunction.LessOrEqual,
        BinaryOp.Greater => ScalarFunction.Greater,
        BinaryOp.GreaterOrEqual => ScalarFunction.GreaterOrEqual,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a comparison"),
    };
}
