using FramesNet.Columns;

namespace FramesNet.Plan;

/// <summary>The first <see cref="Count"/> rows, in partition order.</summary>
public sealed class LimitNode : LogicalPlan
{
    public LimitNode(LogicalPlan input, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Input = input;
        Count = count;
    }

    public LogicalPlan Input { get; }

    public long Count { get; }

    public override Schema Schema => Input.Schema;

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new LimitNode(inputs[0], Count);

    public override string Describe() => $"Limit {Count}";
}
