using FramesNet.Columns;
using FramesNet.Execution;

namespace FramesNet.Physical;

/// <summary>Runs a user function on each batch and checks that it returns the promised columns.</summary>
internal sealed class MapPartitionsOperator(Func<RecordBatch, RecordBatch> function, Schema output, string functionName) : PhysicalOperator
{
    public override string Name => $"map_partitions({functionName})";


    public override Schema OutputSchema { get; } = output;

    public override string Describe() => $"MapPartitions {functionName}";

    /// <summary>A delegate has no stable identity across processes; the method's full name stands for it.</summary>
    public override string Spec => $"MapPartitions {function.Method.DeclaringType?.FullName}.{function.Method.Name}";

    public override IEnumerable<RecordBatch> Execute(IEnumerable<RecordBatch> input, TaskContext context)
    {
        foreach (var encoded in input)
        {
            // User code sees plain columns of the promised types, however the engine stored them.
            var batch = encoded.Decoded();
            if (!ReferenceEquals(batch, encoded))
                context.Release(encoded);
            var result = function(batch);
            var same = result.Schema.Count == OutputSchema.Count &&
                result.Schema.HasSameColumnsAs(OutputSchema);
            if (!same)
                throw new InvalidOperationException(
                    $"{functionName} returned columns ({string.Join(", ", result.Schema.Fields)}) but promised ({string.Join(", ", OutputSchema.Fields)})");
            if (!ReferenceEquals(result, batch))
                context.Release(batch);
            yield return result;
        }
    }
}
