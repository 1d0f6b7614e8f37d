namespace FramesNet.Expressions;

public enum AggregateFunction
{
    /// <summary>count(*) when there is no argument, else the number of non-null values.</summary>
    Count,
    Sum,
    Mean,
    Min,
    Max,
    CountDistinct,
    First,
    Last,
    Std,
    Var,
}

/// <summary>An aggregate for <c>GroupBy(…).Agg(…)</c>: a function of one input expression (none for count(*)), named by <see cref="Alias"/>.</summary>
public sealed class AggregateExpr
{
    public AggregateExpr(AggregateFunction function, Expr? input, string? name = null)
    {
        if (input is null && function != AggregateFunction.Count)
            throw new ArgumentException($"{function} needs an input expression");
        Function = function;
        Input = input;
        Name = name ?? DefaultName(function, input);
    }

    public AggregateFunction Function { get; }

    /// <summary>Null for count(*).</summary>
    public Expr? Input { get; }

    /// <summary>The output column's name.</summary>
    public string Name { get; }

    public AggregateExpr Alias(string name) => new(Function, Input, name);

    private static string DefaultName(AggregateFunction function, Expr? input) => input is null
        ? "count"
        : function switch
        {
            AggregateFunction.CountDistinct => $"{input.OutputName}_count_distinct",
            _ => $"{input.OutputName}_{function.ToString().ToLowerInvariant()}",
        };

    public override bool Equals(object? obj) =>
        obj is AggregateExpr a && a.Function == Function && a.Name == Name && Equals(a.Input, Input);

    public override int GetHashCode() => HashCode.Combine(Function, Input, Name);

    public override string ToString()
    {
        var call = Input is null ? "count(*)" : $"{SqlName(Function)}({Input})";
        return $"{call} AS {new ColumnExpr(Name)}";
    }

    internal static string SqlName(AggregateFunction function) => function switch
    {
        AggregateFunction.CountDistinct => "count_distinct",
        _ => function.ToString().ToLowerInvariant(),
    };
}
