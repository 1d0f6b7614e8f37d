using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Execution.Kernels;

namespace FramesNet.Physical;

/// <summary>
/// One phase of a hash aggregation (see <see cref="AggregateMode"/>). Keys and aggregate inputs are plain
/// columns: the planner computes expressions in a projection first. A distinct is an aggregate with keys
/// and no aggregates.
/// </summary>
internal sealed class AggregateOperator : PhysicalOperator
{
    internal Schema Rows => _rows;

    internal IReadOnlyList<int> Keys => _keys;

    internal IReadOnlyList<AggregateSpec> Aggregates => _aggregates;

    internal Schema? ResultSchema => _resultSchema;

    private readonly Schema _rows;
    private readonly IReadOnlyList<int> _keys;
    private readonly IReadOnlyList<AggregateSpec> _aggregates;
    private readonly Schema? _resultSchema;

    /// <param name="rows">The schema of the rows being aggregated (the same in every phase).</param>
    /// <param name="resultSchema">For Final/Single: the names and types the plan promises for the result.</param>
    public AggregateOperator(Schema rows, IReadOnlyList<int> keys, IReadOnlyList<AggregateSpec> aggregates, AggregateMode mode, Schema? resultSchema)
    {
        _rows = rows;
        _keys = keys;
        _aggregates = aggregates;
        Mode = mode;
        _resultSchema = resultSchema;
        var probe = Create(0);
        OutputSchema = mode is AggregateMode.Partial or AggregateMode.Combine ? probe.StateSchema : resultSchema ?? probe.OutputSchema;
    }

    public AggregateMode Mode { get; }

    public override string Name => $"aggregate({Mode.ToString().ToLowerInvariant()})";

    public override Schema OutputSchema { get; }

    public override string Describe()
    {
        var keys = string.Join(", ", _keys.Select(k => _rows[k].Name));
        var aggregates = string.Join(", ", _aggregates.Select(a => a.Column < 0 ? $"{a.Name}=count(*)" : $"{a.Name}={a.Function.ToString().ToLowerInvariant()}({_rows[a.Column].Name})"));
        var what = _aggregates.Count == 0 ? $"Distinct{ModeSuffix} [{keys}]" : $"Aggregate{ModeSuffix} keys=[{keys}] [{aggregates}]";
        return what;
    }

    private string ModeSuffix => Mode == AggregateMode.Single ? "" : $"({Mode.ToString().ToLowerInvariant()})";

    public override IEnumerable<RecordBatch> Execute(IEnumerable<RecordBatch> input, TaskContext context)
    {
        var aggregator = Create(context.Task.Partition);
        foreach (var batch in input)
        {
            aggregator.Consume(batch);
            context.Release(batch);
        }
        foreach (var result in aggregator.Finish())
        {
            if (_resultSchema is null || Mode is AggregateMode.Partial or AggregateMode.Combine)
            {
                yield return result;
                continue;
            }
            var named = RecordBatch.ForSchema(_resultSchema, result.Columns, result.Length);
            result.Dispose();
            yield return named;
        }
    }

    private HashAggregator Create(int partition) =>
        new(_rows, _keys, _aggregates, Mode, new HashAggregatorOptions { PartitionIndex = partition });
}
