using FramesNet.Columns;

namespace FramesNet.Expressions.Binding;

/// <summary>
/// An expression typed against one input schema: columns resolved to indices, implicit casts made
/// explicit, literals converted to the type they meet. This is what the evaluator runs.
/// </summary>
internal abstract class BoundExpr
{
    protected BoundExpr(DataType type, bool nullable)
    {
        Type = type;
        Nullable = nullable;
    }

    public DataType Type { get; }

    /// <summary>False when the result can never hold a null.</summary>
    public bool Nullable { get; }
}

internal sealed class BoundColumn(int index, string name, DataType type, bool nullable) : BoundExpr(type, nullable)
{
    public int Index { get; } = index;
    public string Name { get; } = name;
    public override string ToString() => $"#{Index}:{Name}";
}

/// <summary>A constant in the storage form of its type (see <see cref="LiteralExpr.Value"/>).</summary>
internal sealed class BoundLiteral(object? value, DataType type) : BoundExpr(type, value is null)
{
    public object? Value { get; } = value;
    public override string ToString() => new LiteralExpr(Value, Type).ToString();
}

internal sealed class BoundCall(ScalarFunction function, BoundExpr[] arguments, DataType type, bool nullable)
    : BoundExpr(type, nullable)
{
    public ScalarFunction Function { get; } = function;
    public BoundExpr[] Arguments { get; } = arguments;
    public override string ToString() => $"{Function}({string.Join(", ", Arguments.Select(a => a.ToString()))})";
}

/// <summary>A cast; <see cref="Source"/> names the input in errors, or is null when a value that does not convert becomes null.</summary>
internal sealed class BoundCast(BoundExpr input, DataType type, string? source) : BoundExpr(type, true)
{
    public BoundExpr Input { get; } = input;
    public string? Source { get; } = source;
    public override string ToString() => $"{(Source is null ? "TRY_CAST" : "CAST")}({Input} AS {Type})";
}

internal sealed class BoundCase(BoundExpr[] conditions, BoundExpr[] values, BoundExpr otherwise, DataType type)
    : BoundExpr(type, values.Any(v => v.Nullable) || otherwise.Nullable)
{
    public BoundExpr[] Conditions { get; } = conditions;
    public BoundExpr[] Values { get; } = values;
    public BoundExpr Otherwise { get; } = otherwise;
}

internal sealed class BoundIn(BoundExpr input, BoundLiteral[] values) : BoundExpr(DataType.Bool, input.Nullable || values.Any(v => v.Value is null))
{
    public BoundExpr Input { get; } = input;
    public BoundLiteral[] Values { get; } = values;
}
