using FramesNet.Expressions;

namespace FramesNet;

/// <summary>
/// The entry point: sources (<c>ReadCsv</c>, <c>ReadArrow</c>, <c>FromColumns</c>) and expression helpers.
/// <c>using static FramesNet.Frames;</c> lets you write <c>Col("fare") &gt; 20</c>.
/// </summary>
public static partial class Frames
{
    /// <summary>A reference to the column called <paramref name="name"/>.</summary>
    public static Expr Col(string name) => new ColumnExpr(name);

    /// <summary>A constant: a number, bool, string, byte[], DateOnly, DateTime, or null.</summary>
    public static Expr Lit(object? value) => LiteralExpr.Of(value);

    /// <summary>Starts <c>When(condition).Then(value)…Otherwise(value)</c>.</summary>
    public static WhenBuilder When(Expr condition) => new([], condition);

    /// <summary>The first non-null argument.</summary>
    public static Expr Coalesce(params Expr[] values) => new FunctionExpr(FunctionName.Coalesce, values);

    /// <summary>count(*): the number of rows.</summary>
    public static AggregateExpr Count() => new(AggregateFunction.Count, null);
}
