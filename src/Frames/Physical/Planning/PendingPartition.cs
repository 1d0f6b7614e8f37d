using FramesNet.Columns;

namespace FramesNet.Physical;

/// <summary>
/// A partition the planner is still building: a source and the narrow operators fused onto it so far.
/// A wide operator or the end of the plan turns it into a task (<see cref="PhysicalPlanner.Cut"/>).
/// </summary>
internal sealed class PendingPartition
{
    private readonly List<IReadOnlyList<PartitionRef>> _sideInputs = [];

    public PendingPartition(TaskSource source, IReadOnlyList<PartitionRef>? inputs = null)
    {
        Source = source;
        Inputs = inputs?.ToList() ?? [];
    }

    public TaskSource Source { get; }

    public List<PartitionRef> Inputs { get; }

    /// <summary>The whole datasets operators of this partition read (<see cref="ISideInputReader"/>), by position.</summary>
    public IReadOnlyList<IReadOnlyList<PartitionRef>> SideInputs => _sideInputs;

    public List<PhysicalOperator> Operators { get; } = [];

    public Schema Schema => Operators.Count > 0 ? Operators[^1].OutputSchema : Source.Schema;

    /// <summary>Just one existing partition, untouched: no task needed to produce it.</summary>
    public bool IsExistingPartition => Source is InputSource && Operators.Count == 0 && _sideInputs.Count == 0 && Inputs.Count == 1;

    public PendingPartition Then(PhysicalOperator op)
    {
        Operators.Add(op);
        return this;
    }

    /// <summary>
    /// Makes <paramref name="partitions"/> a side input of this partition and returns its position, the index
    /// the operator reading it must be given: partitions of one plan node may carry different numbers of side
    /// inputs already (a union of branches; earlier joins fused onto them), so the position is per partition.
    /// The same partitions read twice (a self-join) are one side input.
    /// </summary>
    public int AddSideInput(IReadOnlyList<PartitionRef> partitions)
    {
        for (var i = 0; i < _sideInputs.Count; i++)
            if (_sideInputs[i].SequenceEqual(partitions))
                return i;
        _sideInputs.Add(partitions.ToArray());
        return _sideInputs.Count - 1;
    }

    public static PendingPartition Over(Schema schema, IReadOnlyList<PartitionRef> inputs) => new(new InputSource(schema), inputs);
}
