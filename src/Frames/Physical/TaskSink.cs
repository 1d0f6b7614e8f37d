using FramesNet.Columns;
using FramesNet.Execution;

namespace FramesNet.Physical;

/// <summary>Where a task's output goes: kept whole (one partition) or cut into buckets for the next stage.</summary>
internal abstract class TaskSink
{
    /// <summary>How many output partitions the task produces.</summary>
    public abstract int Buckets { get; }

    public abstract string Describe();

    public virtual string Spec => Describe();

    /// <summary>The columns of the partitions this sink makes from a pipeline with columns <paramref name="pipeline"/>.</summary>
    public virtual Schema OutputSchema(Schema pipeline) => pipeline;

    /// <summary>Reads the pipeline's batches and returns them arranged into <see cref="Buckets"/> partitions.</summary>
    public abstract IReadOnlyList<RecordBatch>[] Consume(IEnumerable<RecordBatch> batches, Schema schema, TaskContext context);
}

/// <summary>The default sink: the output is one partition.</summary>
internal sealed class CollectSink : TaskSink
{
    public static CollectSink Instance { get; } = new();

    public override int Buckets => 1;

    public override string Describe() => "";

    public override string Spec => "collect";

    public override IReadOnlyList<RecordBatch>[] Consume(IEnumerable<RecordBatch> batches, Schema schema, TaskContext context)
    {
        var output = new List<RecordBatch>();
        foreach (var batch in batches)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (batch.Length > 0)
                output.Add(context.Keep(batch));
        }
        return [output];
    }
}
