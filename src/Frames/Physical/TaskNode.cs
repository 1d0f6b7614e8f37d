using FramesNet.Columns;

namespace FramesNet.Physical;

/// <summary>
/// One unit of scheduled work: read a source (files, or the partitions in <see cref="Inputs"/>), stream it
/// through <see cref="Operators"/>, and hand the result to <see cref="Sink"/>, which may cut it into buckets.
/// Operators that need a whole other dataset (a broadcast join's build side, sort boundaries) read it from
/// <see cref="SideInputs"/>.
/// </summary>
public sealed class TaskNode
{
    internal TaskNode(TaskKey key, int stage, int partition, TaskSource source, IReadOnlyList<PhysicalOperator> operators, TaskSink sink,
        IReadOnlyList<PartitionRef> inputs, IReadOnlyList<IReadOnlyList<PartitionRef>> sideInputs)
    {
        Key = key;
        Stage = stage;
        Partition = partition;
        Source = source;
        Operators = operators;
        Sink = sink;
        Inputs = inputs;
        SideInputs = sideInputs;
    }

    public TaskKey Key { get; }

    /// <summary>Index of the stage (group of tasks running the same pipeline) in <see cref="TaskGraph.Stages"/>.</summary>
    public int Stage { get; }

    /// <summary>Which partition of its stage this task computes.</summary>
    public int Partition { get; }

    internal TaskSource Source { get; }

    internal IReadOnlyList<PhysicalOperator> Operators { get; }

    internal TaskSink Sink { get; }

    /// <summary>The columns of every output partition (a write's partitions list the files it wrote).</summary>
    public Schema OutputSchema => Sink.OutputSchema(Operators.Count > 0 ? Operators[^1].OutputSchema : Source.Schema);

    /// <summary>The partitions the source reads, in order (empty for file scans).</summary>
    public IReadOnlyList<PartitionRef> Inputs { get; }

    public IReadOnlyList<IReadOnlyList<PartitionRef>> SideInputs { get; }

    /// <summary>Every task this one waits for.</summary>
    public IEnumerable<TaskKey> Dependencies => Inputs.Concat(SideInputs.SelectMany(s => s)).Select(p => p.Task).Distinct();

    /// <summary>The pipeline as text: source → operators → sink.</summary>
    public string Pipeline => string.Join(" → ", new[] { Source.Describe() }.Concat(Operators.Select(o => o.Describe())).Append(Sink.Describe()).Where(s => s.Length > 0));

    public override string ToString() => $"{Key} {Pipeline}";
}
