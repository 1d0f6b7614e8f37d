using FramesNet.Columns;
using FramesNet.Execution;

namespace FramesNet.Physical;

/// <summary>Where a task's batches come from: a piece of a data source, or the partitions of other tasks.</summary>
internal abstract class TaskSource
{
    /// <summary>The columns the source yields.</summary>
    public abstract Schema Schema { get; }

    /// <summary>For EXPLAIN.</summary>
    public abstract string Describe();

    /// <summary>Everything that determines what the source yields (for task keys): e.g. path, byte range, size and mtime.</summary>
    public virtual string Spec => Describe();

    public abstract IEnumerable<RecordBatch> Read(TaskContext context);
}

/// <summary>A piece of a <see cref="Plan.DataSource"/>: a byte range of a CSV file, an Arrow file, batches in memory.</summary>
internal abstract class ScanPartition : TaskSource
{
    /// <summary>The host-independent path of the file this piece reads, or null (memory); for locality.</summary>
    public virtual string? FilePath => null;

    /// <summary>Bytes this piece reads, for progress and placement.</summary>
    public abstract long Bytes { get; }
}

/// <summary>The task's input partitions, one after another, in order.</summary>
internal sealed class InputSource(Schema schema) : TaskSource
{
    public override Schema Schema { get; } = schema;

    public override string Describe() => "";

    public override string Spec => "inputs";

    public override IEnumerable<RecordBatch> Read(TaskContext context) => context.BorrowInputs();
}
