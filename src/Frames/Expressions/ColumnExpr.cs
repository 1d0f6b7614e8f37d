namespace FramesNet.Expressions;

/// <summary>A reference to a column by name.</summary>
public sealed class ColumnExpr(string name) : Expr
{
    public string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

    public override IReadOnlyList<Expr> Children => [];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;

    public override string OutputName => Name;

    public override bool Equals(Expr? other) => other is ColumnExpr c && c.Name == Name;

    public override int GetHashCode() => HashCode.Combine(1, Name);

    public override string ToString() => IsPlainName(Name) ? Name : $"\"{Name.Replace("\"", "\"\"")}\"";

    private static bool IsPlainName(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
