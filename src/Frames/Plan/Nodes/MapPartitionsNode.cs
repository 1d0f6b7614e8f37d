using FramesNet.Columns;

namespace FramesNet.Plan;

/// <summary>A user function applied to every batch of every partition; it must return batches of <see cref="Schema"/>.</summary>
public sealed class MapPartitionsNode(LogicalPlan input, Func<RecordBatch, RecordBatch> function, Schema schema, string name) : LogicalPlan
{
    public LogicalPlan Input { get; } = input;

    public Func<RecordBatch, RecordBatch> Function { get; } = function;

    /// <summary>A readable name for the function (its method name), for EXPLAIN and task keys.</summary>
    public string Name { get; } = name;

    public override Schema Schema { get; } = schema;

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new MapPartitionsNode(inputs[0], Function, Schema, Name);

    public override string Describe() => $"MapPartitions {Name} -> [{string.Join(", ", Schema.Fields.Select(f => f.Name))}]";
}
