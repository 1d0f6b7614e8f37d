using FramesNet.Columns;

namespace FramesNet.Physical;

/// <summary>The partitions a plan node produces, in order, while the planner is working on them.</summary>
internal sealed class PartitionSet(Schema schema, List<PendingPartition> parts)
{
    public Schema Schema { get; } = schema;

    public List<PendingPartition> Parts { get; } = parts;

    /// <summary>Appends a narrow operator (made for each partition's current schema) to every partition.</summary>
    public PartitionSet Then(Func<Schema, PhysicalOperator> make)
    {
        PhysicalOperator? last = null;
        foreach (var part in Parts)
            part.Then(last = make(part.Schema));
        return new PartitionSet(last?.OutputSchema ?? make(Schema).OutputSchema, Parts);
    }

    /// <summary>
    /// Appends to every partition an operator that reads <paramref name="side"/> whole: the side input is added
    /// to each partition and the operator is made with the position it got there (which differs between
    /// partitions that already carry different side inputs).
    /// </summary>
    public PartitionSet ThenReading(IReadOnlyList<PartitionRef> side, Func<Schema, int, PhysicalOperator> make)
    {
        PhysicalOperator? last = null;
        foreach (var part in Parts)
            part.Then(last = make(part.Schema, part.AddSideInput(side)));
        return new PartitionSet(last?.OutputSchema ?? make(Schema, 0).OutputSchema, Parts);
    }
}
