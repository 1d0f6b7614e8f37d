using FramesNet.Columns;

namespace FramesNet.Expressions;

/// <summary>The fluent methods: null handling, casts, ranges, membership, strings, dates, aggregates.</summary>
public abstract partial class Expr
{
    public Expr Alias(string name) => new AliasExpr(this is AliasExpr a ? a.Input : this, name);

    public Expr IsNull() => new UnaryExpr(UnaryOp.IsNull, this);
    public Expr IsNotNull() => new UnaryExpr(UnaryOp.IsNotNull, this);

    /// <summary>This value, or <paramref name="replacement"/> where it is null (SQL coalesce).</summary>
    public Expr FillNull(Expr replacement) => new FunctionExpr(FunctionName.Coalesce, this, replacement);

    /// <summary>
    /// This value as <paramref name="type"/>; a value that does not convert ('abc' to int64, 3e9 to int32, '2024-13-01'
    /// to date32, NaN to an integer) fails the query naming the value and this expression. See <see cref="TryCast"/>.
    /// </summary>
    public Expr Cast(DataType type) => new CastExpr(this, type);

    /// <summary>Like <see cref="Cast"/>, but a value that does not convert becomes null.</summary>
    public Expr TryCast(DataType type) => new CastExpr(this, type, orNull: true);

    /// <summary><paramref name="low"/> ≤ this ≤ <paramref name="high"/>, both ends included.</summary>
    public Expr Between(Expr low, Expr high) => new FunctionExpr(FunctionName.Between, this, low, high);

    /// <summary>True when the value equals one of <paramref name="values"/> (literals).</summary>
    public Expr IsIn(params object?[] values) => new InExpr(this, values.Select(LiteralExpr.Of).ToArray());

    public Expr Contains(string text) => new FunctionExpr(FunctionName.Contains, this, text);
    public Expr StartsWith(string text) => new FunctionExpr(FunctionName.StartsWith, this, text);
    public Expr EndsWith(string text) => new FunctionExpr(FunctionName.EndsWith, this, text);
    public Expr Lower() => new FunctionExpr(FunctionName.Lower, this);
    public Expr Upper() => new FunctionExpr(FunctionName.Upper, this);

    /// <summary>Length in characters (Unicode code points) of a string.</summary>
    public Expr Length() => new FunctionExpr(FunctionName.Length, this);

    /// <summary>Characters from 0-based <paramref name="start"/>, at most <paramref name="length"/> of them (all when null).</summary>
    public Expr Substring(int start, int? length = null) => length is null
        ? new FunctionExpr(FunctionName.Substring, this, (long)start)
        : new FunctionExpr(FunctionName.Substring, this, (long)start, (long)length.Value);

    public Expr Year() => new FunctionExpr(FunctionName.Year, this);
    public Expr Month() => new FunctionExpr(FunctionName.Month, this);
    public Expr Day() => new FunctionExpr(FunctionName.Day, this);

    /// <summary>ISO day of the week: Monday = 1 … Sunday = 7.</summary>
    public Expr DayOfWeek() => new FunctionExpr(FunctionName.DayOfWeek, this);

    public AggregateExpr Sum() => new(AggregateFunction.Sum, this);
    public AggregateExpr Mean() => new(AggregateFunction.Mean, this);
    public AggregateExpr Min() => new(AggregateFunction.Min, this);
    public AggregateExpr Max() => new(AggregateFunction.Max, this);

    /// <summary>Number of non-null values (use <c>Frames.Count()</c> to count rows).</summary>
    public AggregateExpr Count() => new(AggregateFunction.Count, this);
    public AggregateExpr CountDistinct() => new(AggregateFunction.CountDistinct, this);
    public AggregateExpr First() => new(AggregateFunction.First, this);
    public AggregateExpr Last() => new(AggregateFunction.Last, this);

    /// <summary>Sample standard deviation (n − 1 in the denominator).</summary>
    public AggregateExpr Std() => new(AggregateFunction.Std, this);

    /// <summary>Sample variance (n − 1 in the denominator).</summary>
    public AggregateExpr Var() => new(AggregateFunction.Var, this);
}
