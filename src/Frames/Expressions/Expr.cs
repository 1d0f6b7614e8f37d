using FramesNet.Columns;

namespace FramesNet.Expressions;

/// <summary>
/// A column expression, built with <c>Col</c>, <c>Lit</c>, operators and methods, and typed against a
/// schema only when a DataFrame verb uses it. Immutable; compared by structure; prints as SQL-like text.
/// </summary>
/// <example><code>(Col("fare") + Col("tip").FillNull(0)).Alias("total")</code></example>
public abstract partial class Expr : IEquatable<Expr>
{
    /// <summary>The sub-expressions, left to right.</summary>
    public abstract IReadOnlyList<Expr> Children { get; }

    /// <summary>The same node over new children (same count and order as <see cref="Children"/>).</summary>
    public abstract Expr WithChildren(IReadOnlyList<Expr> children);

    /// <summary>The name a projection gives this expression's column: the alias, else the first column referenced.</summary>
    public virtual string OutputName => Children.Count > 0 ? Children[0].OutputName : ToString();

    /// <summary>Rewrites the tree bottom-up: <paramref name="rewrite"/> sees each node after its children were rewritten.</summary>
    public Expr Transform(Func<Expr, Expr> rewrite)
    {
        var children = Children;
        if (children.Count == 0)
            return rewrite(this);
        Expr[]? rewritten = null;
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i].Transform(rewrite);
            if (!ReferenceEquals(child, children[i]))
            {
                rewritten ??= children.ToArray();
                rewritten[i] = child;
            }
        }
        return rewrite(rewritten is null ? this : WithChildren(rewritten));
    }

    /// <summary>Every node, parents before children.</summary>
    public IEnumerable<Expr> Walk()
    {
        yield return this;
        foreach (var child in Children)
            foreach (var node in child.Walk())
                yield return node;
    }

    /// <summary>Names of the columns the expression reads.</summary>
    public IReadOnlySet<string> ReferencedColumns() =>
        Walk().OfType<ColumnExpr>().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

    public abstract bool Equals(Expr? other);

    public override bool Equals(object? obj) => obj is Expr e && Equals(e);

    public abstract override int GetHashCode();

    public abstract override string ToString();

    private protected static bool ChildrenEqual(Expr a, Expr b)
    {
        var x = a.Children;
        var y = b.Children;
        if (x.Count != y.Count)
            return false;
        for (var i = 0; i < x.Count; i++)
            if (!x[i].Equals(y[i]))
                return false;
        return true;
    }

    private protected static int ChildrenHash(Expr e, int seed)
    {
        var hash = new HashCode();
        hash.Add(seed);
        foreach (var child in e.Children)
            hash.Add(child.GetHashCode());
        return hash.ToHashCode();
    }

    /// <summary>Text of a child inside an operator: parenthesised unless it is a leaf or a call.</summary>
    private protected static string Operand(Expr e) => e is BinaryExpr or CaseExpr ? $"({e})" : e.ToString();

    public static Expr Col(string name) => new ColumnExpr(name);

    public static Expr Lit(object? value) => LiteralExpr.Of(value);
}
