namespace FramesNet.Expressions;

public enum FunctionName
{
    Coalesce,
    Between,
    Contains,
    StartsWith,
    EndsWith,
    Lower,
    Upper,
    Length,
    Substring,
    Year,
    Month,
    Day,
    DayOfWeek,
}

/// <summary>A named scalar function of one or more arguments (null handling, strings, dates).</summary>
public sealed class FunctionExpr : Expr
{
    private readonly Expr[] _arguments;

    public FunctionExpr(FunctionName name, params Expr[] arguments)
    {
        if (arguments.Length == 0)
            throw new ArgumentException($"{name} needs at least one argument");
        Name = name;
        _arguments = arguments;
    }

    public FunctionName Name { get; }

    public IReadOnlyList<Expr> Arguments => _arguments;

    public override IReadOnlyList<Expr> Children => _arguments;

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new FunctionExpr(Name, children.ToArray());

    public override bool Equals(Expr? other) => other is FunctionExpr f && f.Name == Name && ChildrenEqual(this, f);

    public override int GetHashCode() => ChildrenHash(this, 300 + (int)Name);

    public override string ToString() => Name == FunctionName.Between
        ? $"{Operand(_arguments[0])} BETWEEN {Operand(_arguments[1])} AND {Operand(_arguments[2])}"
        : $"{SqlName(Name)}({string.Join(", ", _arguments.Select(a => a.ToString()))})";

    private static string SqlName(FunctionName name) => name switch
    {
        FunctionName.StartsWith => "starts_with",
        FunctionName.EndsWith => "ends_with",
        FunctionName.DayOfWeek => "day_of_week",
        _ => name.ToString().ToLowerInvariant(),
    };
}
