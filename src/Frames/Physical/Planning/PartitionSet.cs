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
}
