namespace FramesNet.Expressions;

/// <summary>Names the column an expression produces.</summary>
public sealed class AliasExpr(Expr input, string name) : Expr
{
    public Expr Input { get; } = input ?? throw new ArgumentNullException(nameof(input));
    public string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

    public override IReadOnlyList<Expr> Children => [Input];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new AliasExpr(children[0], Name);

    public override string OutputName => Name;

    public override bool Equals(Expr? other) => other is AliasExpr a && a.Name == Name && a.Input.Equals(Input);

    public override int GetHashCode() => HashCode.Combine(4, Input, Name);

    public override string ToString() => $"{Operand(Input)} AS {new ColumnExpr(Name)}";
}
