using FramesNet.Columns;

namespace FramesNet.Plan;

/// <summary>Redistributes rows into <see cref="Partitions"/> partitions: by hash of <see cref="Keys"/>, or evenly when there are none.</summary>
public sealed class RepartitionNode : LogicalPlan
{
    public RepartitionNode(LogicalPlan input, int partitions, IReadOnlyList<string> keys)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        foreach (var key in keys)
            if (input.Schema.TryIndexOf(key) < 0)
                throw new PlanException($"repartition key: {input.Schema.ColumnNotFoundMessage(key)}");
        Input = input;
        Partitions = partitions;
        Keys = keys;
    }

    public LogicalPlan Input { get; }

    public int Partitions { get; }

    public IReadOnlyList<string> Keys { get; }

    public override Schema Schema => Input.Schema;

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new RepartitionNode(inputs[0], Partitions, Keys);

    public override string Describe() => Keys.Count == 0
        ? $"Repartition {Partitions}"
        : $"Repartition {Partitions} by [{string.Join(", ", Keys)}]";
}
