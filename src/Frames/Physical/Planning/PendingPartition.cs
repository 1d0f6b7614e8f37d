using FramesNet.Columns;

namespace FramesNet.Physical;

/// <summary>
/// A partition the planner is still building: a source and the narrow operators fused onto it so far.
/// A wide operator or the end of the plan turns it into a task (<see cref="PhysicalPlanner.Cut"/>).
/// </summary>
internal sealed class PendingPartition
{
    public PendingPartition(TaskSource source, IReadOnlyList<PartitionRef>? inputs = null)
    {
        Source = source;
        Inputs = inputs?.ToList() ?? [];
    }

    public TaskSource Source { get; }

    public List<PartitionRef> Inputs { get; }

    public List<IReadOnlyList<PartitionRef>> SideInputs { get; } = [];

    public List<PhysicalOperator> Operators { get; } = [];

    public Schema Schema => Operators.Count > 0 ? Operators[^1].OutputSchema : Source.Schema;

    /// <summary>Just one existing partition, untouched: no task needed to produce it.</summary>
    public bool IsExistingPartition => Source is InputSource && Operators.Count == 0 && SideInputs.Count == 0 && Inputs.Count == 1;

    public PendingPartition Then(PhysicalOperator op)
    {
        Operators.Add(op);
        return this;
    }

    public static PendingPartition Over(Schema schema, IReadOnlyList<PartitionRef> inputs) => new(new InputSource(schema), inputs);
}
