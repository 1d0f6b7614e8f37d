using FramesNet.Columns;
using FramesNet.Expressions;
using FramesNet.Expressions.Binding;

namespace FramesNet.Plan;

/// <summary>Keeps the rows where <see cref="Predicate"/> is true (null counts as false).</summary>
public sealed class FilterNode : LogicalPlan
{
    public FilterNode(LogicalPlan input, Expr predicate)
    {
        Input = input;
        Predicate = predicate;
        Binder.BindPredicate(predicate, input.Schema);
    }

    public LogicalPlan Input { get; }

    public Expr Predicate { get; }

    public override Schema Schema => Input.Schema;

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new FilterNode(inputs[0], Predicate);

    public override string Describe() => $"Filter {Predicate}";
}
