namespace FramesNet.Expressions;

/// <summary><c>value IN (literals)</c>, with SQL's null rules: null when no match and the value or a list entry is null.</summary>
public sealed class InExpr : Expr
{
    private readonly Expr[] _children;

    public InExpr(Expr input, IReadOnlyList<LiteralExpr> values)
    {
        ArgumentNullException.ThrowIfNull(input);
        Values = values;
        _children = [input, .. values];
    }

    public Expr Input => _children[0];

    public IReadOnlyList<LiteralExpr> Values { get; }

    public override IReadOnlyList<Expr> Children => _children;

    public override Expr WithChildren(IReadOnlyList<Expr> children)
    {
        // The list stays literal: rewrites (constant folding) only ever replace it with equal literals.
        var values = children.Skip(1).Select(c => c as LiteralExpr
            ?? throw new InvalidOperationException("IN takes literal values only")).ToArray();
        return new InExpr(children[0], values);
    }

    public override bool Equals(Expr? other) => other is InExpr i && ChildrenEqual(this, i);

    public override int GetHashCode() => ChildrenHash(this, 400);

    public override string ToString() => $"{Operand(Input)} IN ({string.Join(", ", Values)})";
}
