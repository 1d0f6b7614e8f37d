using FramesNet.Columns;
using FramesNet.Execution.Kernels;
using FramesNet.Expressions;
using FramesNet.Plan;

namespace FramesNet.Physical;

internal sealed partial class PhysicalPlanner
{
    /// <summary>
    /// Project keys and aggregate inputs into plain columns, aggregate each partition (partial), then
    /// combine: a tree of combine tasks for few groups, a hash shuffle of the partial states for many.
    /// </summary>
    private PartitionSet PlanAggregate(AggregateNode node)
    {
        var rowExprs = new List<Expr>();
        foreach (var key in node.Keys)
            rowExprs.Add(key is ColumnExpr ? key : key.Alias(key.OutputName));
        var inputColumn = new Dictionary<Expr, int>();
        var specs = new List<AggregateSpec>();
        foreach (var aggregate in node.Aggregates)
        {
            if (aggregate.Input is null)
            {
                specs.Add(AggregateSpec.CountAll(aggregate.Name));
                continue;
            }
            if (!inputColumn.TryGetValue(aggregate.Input, out var column))
            {
                column = rowExprs.Count;
                inputColumn[aggregate.Input] = column;
                rowExprs.Add(aggregate.Input.Alias($"${column}"));
            }
            specs.Add(new AggregateSpec(Map(aggregate.Function), column, aggregate.Name));
        }
        var input = Plan(node.Input);
        var rows = new ProjectNode(new SchemaOnly(node.Input.Schema), rowExprs).Schema;
        input = input.Then(schema => new ProjectOperator(schema, rowExprs, rows));
        var keys = Enumerable.Range(0, node.Keys.Count).ToArray();
        return Aggregate(input, rows, keys, specs, node.Schema, "aggregate", ChooseCombine(node.Input, node.Keys, unknown: CombineStrategy.Tree));
    }

    /// <summary>DISTINCT is an aggregate with every column as a key and no aggregates.</summary>
    private PartitionSet PlanDistinct(DistinctNode node)
    {
        var input = Plan(node.Input);
        var keys = Enumerable.Range(0, node.Schema.Count).ToArray();
        var keyExprs = node.Schema.Fields.Select(f => (Expr)new ColumnExpr(f.Name)).ToArray();
        // With no sample to judge by (a cluster's files live on its workers), a distinct shuffles: it is asked for when
        // duplicates are expected but rows are many, and a tree would merge every partial result in one task.
        return Aggregate(input, node.Input.Schema, keys, [], node.Schema, "distinct", ChooseCombine(node.Input, keyExprs, unknown: CombineStrategy.Shuffle));
    }

    private PartitionSet Aggregate(PartitionSet input, Schema rows, int[] keys, List<AggregateSpec> specs, Schema result,
        string stage, CombineStrategy strategy)
    {
        PhysicalOperator Op(AggregateMode mode) => new AggregateOperator(rows, keys, specs, mode, result);
        if (input.Parts.Count <= 1)
        {
            if (input.Parts.Count == 0)
                input.Parts.Add(new PendingPartition(new EmptySource(rows)));
            return input.Then(_ => Op(AggregateMode.Single));
        }
        var partial = input.Then(_ => Op(AggregateMode.Partial));
        if (strategy == CombineStrategy.Shuffle && keys.Length > 0)
        {
            var buckets = CutIntoBuckets(partial, $"{stage}_partial",
                new HashPartitionSink(keys, keys.Select(k => rows[k].Name).ToArray(), _options.EffectiveShuffleBuckets));
            return new PartitionSet(result, buckets.Select(b => PendingPartition.Over(partial.Schema, b).Then(Op(AggregateMode.Final))).ToList());
        }
        var level = partial;
        var stageName = $"{stage}_partial";
        while (true)
        {
            var refs = Cut(level, stageName);
            if (refs.Count <= _options.TreeFanIn)
                return new PartitionSet(result, [PendingPartition.Over(partial.Schema, refs).Then(Op(AggregateMode.Final))]);
            level = new PartitionSet(partial.Schema, refs.Chunk(_options.TreeFanIn)
                .Select(group => PendingPartition.Over(partial.Schema, group).Then(Op(AggregateMode.Combine))).ToList());
            stageName = $"{stage}_combine";
        }
    }

    /// <param name="unknown">The strategy when the input cannot be sampled.</param>
    private CombineStrategy ChooseCombine(LogicalPlan input, IReadOnlyList<Expr> keys, CombineStrategy unknown)
    {
        if (_options.Combine != CombineStrategy.Auto)
            return _options.Combine;
        if (keys.Count == 0)
            return CombineStrategy.Tree;
        return FramesNet.Plan.Optimizer.CardinalityEstimate.DistinctRatio(input, keys) switch
        {
            null => unknown,
            > 0.5 => CombineStrategy.Shuffle,
            _ => CombineStrategy.Tree,
        };
    }

    internal static AggregateKind Map(Expressions.AggregateFunction function) => function switch
    {
        Expressions.AggregateFunction.Count => AggregateKind.Count,
        Expressions.AggregateFunction.Sum => AggregateKind.Sum,
        Expressions.AggregateFunction.Mean => AggregateKind.Mean,
        Expressions.AggregateFunction.Min => AggregateKind.Min,
        Expressions.AggregateFunction.Max => AggregateKind.Max,
        Expressions.AggregateFunction.CountDistinct => AggregateKind.CountDistinct,
        Expressions.AggregateFunction.First => AggregateKind.First,
        Expressions.AggregateFunction.Last => AggregateKind.Last,
        Expressions.AggregateFunction.Std => AggregateKind.Std,
        Expressions.AggregateFunction.Var => AggregateKind.Var,
    };

    /// <summary>A stand-in input with a schema and no data, to type a projection at planning time.</summary>
    private sealed class SchemaOnly(Schema schema) : LogicalPlan
    {
        public override Schema Schema { get; } = schema;
        public override IReadOnlyList<LogicalPlan> Inputs => [];
        public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;
        public override string Describe() => "(schema)";
    }
}
