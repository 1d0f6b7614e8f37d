using FramesNet.Columns;
using FramesNet.Expressions;
using FramesNet.Expressions.Binding;

namespace FramesNet.Plan;

/// <summary>Computes one output column per expression (Select, WithColumn, Drop and Rename all become this).</summary>
public sealed class ProjectNode : LogicalPlan
{
    public ProjectNode(LogicalPlan input, IReadOnlyList<Expr> expressions)
    {
        Input = input;
        Expressions = expressions;
        var fields = expressions.Select(e => Binder.OutputField(e, input.Schema)).ToArray();
        var duplicate = fields.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new PlanException($"two columns would be called '{duplicate.Key}'; give one an Alias");
        Schema = new Schema(fields);
    }

    public LogicalPlan Input { get; }

    public IReadOnlyList<Expr> Expressions { get; }

    public override Schema Schema { get; }

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new ProjectNode(inputs[0], Expressions);

    /// <summary>True when every output is a plain input column under its own name (a pure column selection).</summary>
    public bool IsColumnSelection => Expressions.All(e => e is ColumnExpr);

    public override string Describe() => $"Project {string.Join(", ", Expressions.Select(Text))}";

    private static string Text(Expr e) => e is AliasExpr or ColumnExpr ? e.ToString() : $"{e} AS {new ColumnExpr(e.OutputName)}";
}
