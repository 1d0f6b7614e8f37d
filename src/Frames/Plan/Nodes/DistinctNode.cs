using FramesNet.Columns;

namespace FramesNet.Plan;

/// <summary>Each distinct row once (nulls equal to each other, as in SQL's DISTINCT).</summary>
public sealed class DistinctNode(LogicalPlan input) : LogicalPlan
{
    public LogicalPlan Input { get; } = input;

    public override Schema Schema => Input.Schema;

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new DistinctNode(inputs[0]);

    public override string Describe() => "Distinct";
}
