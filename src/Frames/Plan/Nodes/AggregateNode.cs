using FramesNet.Columns;
using FramesNet.Expressions;
using FramesNet.Expressions.Binding;

namespace FramesNet.Plan;

/// <summary>GROUP BY <see cref="Keys"/> computing <see cref="Aggregates"/>; no keys means one row over everything.</summary>
public sealed class AggregateNode : LogicalPlan
{
    public AggregateNode(LogicalPlan input, IReadOnlyList<Expr> keys, IReadOnlyList<AggregateExpr> aggregates)
    {
        Input = input;
        Keys = keys;
        Aggregates = aggregates;
        var fields = keys.Select(k => Binder.OutputField(k, input.Schema)).ToList();
        fields.AddRange(aggregates.Select(a => OutputField(a, input.Schema)));
        var duplicate = fields.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new PlanException($"two columns of the aggregate would be called '{duplicate.Key}'; give one an Alias");
        Schema = new Schema(fields);
    }

    public LogicalPlan Input { get; }

    public IReadOnlyList<Expr> Keys { get; }

    public IReadOnlyList<AggregateExpr> Aggregates { get; }

    public override Schema Schema { get; }

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new AggregateNode(inputs[0], Keys, Aggregates);

    public override string Describe() =>
        $"Aggregate keys=[{string.Join(", ", Keys)}] aggregates=[{string.Join(", ", Aggregates)}]";

    /// <summary>
    /// The result type of an aggregate: counts are int64, sums int64 (every integer width, signed or not: the sum
    /// kernel adds in checked int64) or float64, means and spreads float64, the rest keep the input type.
    /// </summary>
    public static Field OutputField(AggregateExpr aggregate, Schema input)
    {
        if (aggregate.Input is null)
            return new Field(aggregate.Name, DataType.Int64, nullable: false);
        var type = Binder.Bind(aggregate.Input, input).Type;
        var what = $"{AggregateExpr.SqlName(aggregate.Function)}({aggregate.Input})";
        switch (aggregate.Function)
        {
            case AggregateFunction.Count or AggregateFunction.CountDistinct:
                return new Field(aggregate.Name, DataType.Int64, nullable: false);
            case AggregateFunction.Sum:
                RequireNumeric(type, what);
                return new Field(aggregate.Name, type.IsFloating ? DataType.Float64 : DataType.Int64);
            case AggregateFunction.Mean or AggregateFunction.Std or AggregateFunction.Var:
                RequireNumeric(type, what);
                return new Field(aggregate.Name, DataType.Float64);
            case AggregateFunction.Min or AggregateFunction.Max:
                if (!(type.IsNumeric || type.IsString || type.IsTemporal || type.Id == TypeId.Bool))
                    throw new PlanException($"{what}: {type} values have no order");
                return new Field(aggregate.Name, type);
            default:
                return new Field(aggregate.Name, type);
        }
    }

    private static void RequireNumeric(DataType type, string what)
    {
        if (!type.IsNumeric && type.Id != TypeId.Null)
            throw new PlanException($"{what} needs numbers, but the input is {type}");
    }
}
