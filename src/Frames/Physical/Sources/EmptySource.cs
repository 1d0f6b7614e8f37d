using FramesNet.Columns;
using FramesNet.Execution;

namespace FramesNet.Physical;

/// <summary>No rows at all: the single partition of an input that has none (a global aggregate over nothing still answers).</summary>
internal sealed class EmptySource(Schema schema) : TaskSource
{
    public override Schema Schema { get; } = schema;

    public override string Describe() => "Empty";

    public override IEnumerable<RecordBatch> Read(TaskContext context) => [];
}
