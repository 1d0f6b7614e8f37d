using FramesNet.Columns;

namespace FramesNet.Expressions;

/// <summary>
/// Conversion to another type. A value that does not convert ('abc' to int64, 3e9 to int32, '2024-13-01' to date32)
/// is an error naming the value and the input, unless <see cref="OrNull"/> (<see cref="Expr.TryCast"/>): then it is null.
/// </summary>
public sealed class CastExpr(Expr input, DataType type, bool orNull = false) : Expr
{
    public Expr Input { get; } = input ?? throw new ArgumentNullException(nameof(input));
    public DataType Type { get; } = type ?? throw new ArgumentNullException(nameof(type));

    /// <summary>True for <see cref="Expr.TryCast"/>: a value that does not convert becomes null instead of an error.</summary>
    public bool OrNull { get; } = orNull;

    public override IReadOnlyList<Expr> Children => [Input];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new CastExpr(children[0], Type, OrNull);

    public override bool Equals(Expr? other) => other is CastExpr c && c.Type == Type && c.OrNull == OrNull && c.Input.Equals(Input);

    public override int GetHashCode() => HashCode.Combine(3, Input, Type, OrNull);

    public override string ToString() => $"{(OrNull ? "TRY_CAST" : "CAST")}({Input} AS {Type})";
}
