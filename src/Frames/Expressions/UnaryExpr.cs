namespace FramesNet.Expressions;

public enum UnaryOp
{
    Not,
    Negate,
    IsNull,
    IsNotNull,
}

/// <summary>Boolean not, numeric negation, and the null tests.</summary>
public sealed class UnaryExpr(UnaryOp op, Expr input) : Expr
{
    public UnaryOp Op { get; } = op;
    public Expr Input { get; } = input ?? throw new ArgumentNullException(nameof(input));

    public override IReadOnlyList<Expr> Children => [Input];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new UnaryExpr(Op, children[0]);

    public override bool Equals(Expr? other) => other is UnaryExpr u && u.Op == Op && u.Input.Equals(Input);

    public override int GetHashCode() => ChildrenHash(this, 200 + (int)Op);

    public override string ToString() => Op switch
    {
        UnaryOp.Not => $"NOT {Operand(Input)}",
        UnaryOp.Negate => $"-{Operand(Input)}",
        UnaryOp.IsNull => $"{Operand(Input)} IS NULL",
        _ => $"{Operand(Input)} IS NOT NULL",
    };
}
