namespace FramesNet.Expressions;

/// <summary>
/// <c>CASE WHEN c1 THEN v1 … ELSE otherwise END</c>: the value of the first condition that is true
/// (a null condition counts as false). Built with <c>When(c).Then(v).When(…).Then(…).Otherwise(e)</c>.
/// </summary>
public sealed class CaseExpr : Expr
{
    private readonly Expr[] _children; // c1, v1, c2, v2, …, otherwise

    public CaseExpr(IReadOnlyList<(Expr Condition, Expr Value)> branches, Expr otherwise)
    {
        if (branches.Count == 0)
            throw new ArgumentException("CASE needs at least one WHEN branch");
        _children = [.. branches.SelectMany(b => new[] { b.Condition, b.Value }), otherwise];
    }

    public int BranchCount => (_children.Length - 1) / 2;

    public Expr Condition(int branch) => _children[2 * branch];

    public Expr Value(int branch) => _children[2 * branch + 1];

    public Expr Otherwise => _children[^1];

    public override IReadOnlyList<Expr> Children => _children;

    public override string OutputName => Value(0).OutputName;

    public override Expr WithChildren(IReadOnlyList<Expr> children) =>
        new CaseExpr(Enumerable.Range(0, (children.Count - 1) / 2).Select(i => (children[2 * i], children[2 * i + 1])).ToArray(), children[^1]);

    public override bool Equals(Expr? other) => other is CaseExpr c && ChildrenEqual(this, c);

    public override int GetHashCode() => ChildrenHash(this, 500);

    public override string ToString() =>
        "CASE " + string.Concat(Enumerable.Range(0, BranchCount).Select(i => $"WHEN {Condition(i)} THEN {Value(i)} ")) + $"ELSE {Otherwise} END";
}

/// <summary>The fluent builder behind <c>When(condition).Then(value)…Otherwise(value)</c>.</summary>
public sealed class WhenBuilder
{
    private readonly List<(Expr, Expr)> _branches;
    private readonly Expr _pending;

    internal WhenBuilder(List<(Expr, Expr)> branches, Expr pending)
    {
        _branches = branches;
        _pending = pending;
    }

    public WhenThen Then(Expr value) => new([.. _branches, (_pending, value)]);
}

/// <summary>A CASE with at least one complete branch: add another <see cref="When"/> or finish with <see cref="Otherwise"/>.</summary>
public sealed class WhenThen
{
    private readonly List<(Expr, Expr)> _branches;

    internal WhenThen(List<(Expr, Expr)> branches) => _branches = branches;

    public WhenBuilder When(Expr condition) => new(_branches, condition);

    public Expr Otherwise(Expr value) => new CaseExpr(_branches, value);

    /// <summary>Ends the CASE with null for rows no branch matches.</summary>
    public static implicit operator Expr(WhenThen whenThen) => new CaseExpr(whenThen._branches, LiteralExpr.Of(null));
}
