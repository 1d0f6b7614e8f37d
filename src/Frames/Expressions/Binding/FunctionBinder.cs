using FramesNet.Columns;

namespace FramesNet.Expressions.Binding;

/// <summary>Binds the named functions: coalesce, between, string and date functions.</summary>
internal static class FunctionBinder
{
    public static BoundExpr Bind(FunctionExpr f, Schema schema)
    {
        var args = f.Arguments.Select(a => Binder.Bind(a, schema)).ToArray();
        switch (f.Name)
        {
            case FunctionName.Coalesce:
            {
                var type = args.Aggregate((DataType?)DataType.Null, (t, a) => t is null ? null : TypeCoercion.Common(t, a.Type))
                    ?? throw new ExpressionException($"the arguments of '{f}' have types that do not meet: {string.Join(", ", args.Select(a => a.Type))}");
                return new BoundCall(ScalarFunction.Coalesce, args.Select((a, i) => Binder.CastTo(a, type, f.Arguments[i])).ToArray(),
                    type, args.All(a => a.Nullable));
            }
            case FunctionName.Between:
            {
                var x = f.Arguments[0];
                return Binder.Bind((x >= f.Arguments[1]) & (x <= f.Arguments[2]), schema);
            }
            case FunctionName.Contains or FunctionName.StartsWith or FunctionName.EndsWith:
                RequireString(args[0], f);
                if (args[1] is not BoundLiteral { Value: string })
                    throw new ExpressionException($"the second argument of '{f}' must be a string literal");
                return new BoundCall(Map(f.Name), args, DataType.Bool, args[0].Nullable);
            case FunctionName.Lower or FunctionName.Upper:
                RequireString(args[0], f);
                return new BoundCall(Map(f.Name), [Binder.CastTo(args[0], DataType.Utf8, f.Arguments[0])], DataType.Utf8, args[0].Nullable);
            case FunctionName.Length:
                RequireString(args[0], f);
                return new BoundCall(ScalarFunction.Length, [Binder.CastTo(args[0], DataType.Utf8, f.Arguments[0])], DataType.Int64, args[0].Nullable);
            case FunctionName.Substring:
                RequireString(args[0], f);
                if (args.Skip(1).Any(a => a is not BoundLiteral { Value: long n } || n < 0))
                    throw new ExpressionException($"start and length of '{f}' must be non-negative integer literals");
                return new BoundCall(ScalarFunction.Substring, [Binder.CastTo(args[0], DataType.Utf8, f.Arguments[0]), .. args.Skip(1)],
                    DataType.Utf8, args[0].Nullable);
            default: // Year, Month, Day, DayOfWeek
                if (!args[0].Type.IsTemporal && args[0].Type.Id != TypeId.Null)
                    throw new ExpressionException($"{f.Arguments[0]} is {args[0].Type}, but '{f}' needs a date or timestamp");
                return new BoundCall(Map(f.Name), args, DataType.Int64, args[0].Nullable);
        }
    }

    private static void RequireString(BoundExpr e, FunctionExpr f)
    {
        if (!e.Type.IsString && e.Type.Id != TypeId.Null)
            throw new ExpressionException($"{f.Arguments[0]} is {e.Type}, but '{f}' needs a string");
    }

    private static ScalarFunction Map(FunctionName name) => name switch
    {
        FunctionName.Contains => ScalarFunction.Contains,
        FunctionName.StartsWith => ScalarFunction.StartsWith,
        FunctionName.EndsWith => ScalarFunction.EndsWith,
        FunctionName.Lower => ScalarFunction.Lower,
        FunctionName.Upper => ScalarFunction.Upper,
        FunctionName.Year => ScalarFunction.Year,
        FunctionName.Month => ScalarFunction.Month,
        FunctionName.Day => ScalarFunction.Day,
        FunctionName.DayOfWeek => ScalarFunction.DayOfWeek,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a string or date function"),
    };
}
