using FramesNet.Columns;

namespace FramesNet.Expressions;

/// <summary>Conversion to another type; a value that does not convert becomes null.</summary>
public sealed class CastExpr(Expr input, DataType type) : Expr
{
    public Expr Input { get; } = input ?? throw new ArgumentNullException(nameof(input));
    public DataType Type { get; } = type ?? throw new ArgumentNullException(nameof(type));

    public override IReadOnlyList<Expr> Children => [Input];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new CastExpr(children[0], Type);

    public override bool Equals(Expr? other) => other is CastExpr c && c.Type == Type && c.Input.Equals(Input);

    public override int GetHashCode() => HashCode.Combine(3, Input, Type);

    public override string ToString() => $"CAST({Input} AS {Type})";
}
