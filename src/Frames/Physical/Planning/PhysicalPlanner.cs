using FramesNet.Columns;
using FramesNet.Plan;

namespace FramesNet.Physical;

/// <summary>
/// Turns an optimised logical plan into a <see cref="TaskGraph"/>. Narrow operators (filter, project,
/// the probe of a broadcast join, partial aggregation) are fused onto the partitions of their input;
/// wide ones cut the graph: a tree reduction, a hash shuffle into buckets, or a merge into one task.
/// </summary>
internal sealed partial class PhysicalPlanner
{
    private readonly PhysicalOptions _options;
    private readonly List<TaskNode> _tasks = [];
    private readonly Dictionary<TaskKey, TaskNode> _byKey = [];
    private readonly List<Stage> _stages = [];

    private PhysicalPlanner(PhysicalOptions options) => _options = options;

    public static TaskGraph Build(LogicalPlan plan, PhysicalOptions? options = null)
    {
        var planner = new PhysicalPlanner(options ?? PhysicalOptions.Default);
        var result = planner.Plan(plan);
        var outputs = planner.Cut(result, "result");
        return new TaskGraph(planner._tasks, planner._stages, outputs, plan.Schema);
    }

    /// <summary>
    /// A graph whose result partitions are each written to a file in <paramref name="folder"/>; the result lists the
    /// files. Partitions without rows write none, except the first when <paramref name="keepEmpty"/>.
    /// </summary>
    public static TaskGraph Build(LogicalPlan plan, PhysicalOptions? options, string folder, Formats.TableFormat format, bool keepEmpty = false, string formatOptions = "")
    {
        var planner = new PhysicalPlanner(options ?? PhysicalOptions.Default);
        var result = planner.Plan(plan);
        if (result.Parts.Count == 0)
            result.Parts.Add(new PendingPartition(new EmptySource(result.Schema)));
        var stage = -1;
        var outputs = new List<PartitionRef>();
        for (var i = 0; i < result.Parts.Count; i++)
        {
            var sink = new WriteFileSink(folder, format, i, keepEmpty && i == 0, formatOptions);
            if (stage < 0)
                stage = planner.NewStage("write", result.Parts[i], sink);
            outputs.Add(new PartitionRef(planner.AddTask(stage, result.Parts[i], sink)));
        }
        planner.FinishStage(stage);
        return new TaskGraph(planner._tasks, planner._stages, outputs, WriteFileSink.ResultSchema);
    }

    private PartitionSet Plan(LogicalPlan node) => node switch
    {
        ScanNode scan => PlanScan(scan),
        FilterNode filter => Plan(filter.Input).Then(schema => new FilterOperator(schema, filter.Predicate)),
        ProjectNode project => Plan(project.Input).Then(schema => new ProjectOperator(schema, project.Expressions, project.Schema)),
        MapPartitionsNode map => Plan(map.Input).Then(_ => new MapPartitionsOperator(map.Function, map.Schema, map.Name)),
        LimitNode limit => PlanLimit(limit),
        AggregateNode aggregate => PlanAggregate(aggregate),
        DistinctNode distinct => PlanDistinct(distinct),
        SortNode sort => PlanSort(sort),
        JoinNode join => PlanJoin(join),
        UnionNode union => PlanUnion(union),
        RepartitionNode repartition => PlanRepartition(repartition),
        _ => throw new NotSupportedException($"no physical plan for {node.GetType().Name}"),
    };

    private PartitionSet PlanScan(ScanNode scan)
    {
        // The scan reads its output columns and whatever its filter needs, in the source's order.
        var needed = scan.Columns.ToHashSet();
        if (scan.Filter is not null)
            needed.UnionWith(scan.Filter.ReferencedColumns());
        var read = scan.Source.Schema.Select(Enumerable.Range(0, scan.Source.Schema.Count).Where(i => needed.Contains(scan.Source.Schema[i].Name)));
        var parts = scan.Source.Partitions(read, scan.Filter, _options).Select(p => new PendingPartition(p)).ToList();
        var set = new PartitionSet(read, parts);
        if (scan.Filter is not null)
            set = set.Then(schema => new FilterOperator(schema, scan.Filter));
        if (!read.Fields.Select(f => f.Name).SequenceEqual(scan.Columns))
            set = set.Then(schema => new ProjectOperator(schema, scan.Columns.Select(c => (Expressions.Expr)new Expressions.ColumnExpr(c)).ToArray(), scan.Schema));
        return set;
    }

    private PartitionSet PlanLimit(LimitNode limit)
    {
        var input = Plan(limit.Input).Then(schema => new LimitOperator(schema, limit.Count));
        return input.Parts.Count <= 1 ? input : MergeIntoOne(input, "limit", schema => new LimitOperator(schema, limit.Count));
    }

    private PartitionSet PlanUnion(UnionNode union)
    {
        var parts = new List<PendingPartition>();
        foreach (var input in union.Inputs)
            parts.AddRange(Plan(input).Parts);
        return new PartitionSet(union.Schema, parts);
    }

    /// <summary>Cuts the partitions into tasks, then reads all their outputs, in order, in one new partition.</summary>
    private PartitionSet MergeIntoOne(PartitionSet input, string stage, Func<Schema, PhysicalOperator>? then = null)
    {
        var refs = Cut(input, stage);
        var merged = new PartitionSet(input.Schema, [PendingPartition.Over(input.Schema, refs)]);
        return then is null ? merged : merged.Then(then);
    }

    /// <summary>
    /// Makes each pending partition a task of a new stage and returns references to their outputs. A
    /// partition that is already an existing task output is referenced as it is.
    /// </summary>
    internal List<PartitionRef> Cut(PartitionSet set, string stageName)
    {
        var refs = new List<PartitionRef>();
        var stageId = -1;
        foreach (var part in set.Parts)
        {
            if (part.IsExistingPartition)
            {
                refs.Add(part.Inputs[0]);
                continue;
            }
            if (stageId < 0)
                stageId = NewStage(stageName, part);
            refs.Add(new PartitionRef(AddTask(stageId, part, CollectSink.Instance)));
        }
        FinishStage(stageId);
        return refs;
    }

    /// <summary>Makes each pending partition a task whose sink cuts its output into buckets; returns, per bucket, the refs of every task.</summary>
    private List<List<PartitionRef>> CutIntoBuckets(PartitionSet set, string stageName, TaskSink sink)
    {
        var buckets = Enumerable.Range(0, sink.Buckets).Select(_ => new List<PartitionRef>()).ToList();
        var stageId = -1;
        foreach (var part in set.Parts)
        {
            if (stageId < 0)
                stageId = NewStage(stageName, part, sink);
            var key = AddTask(stageId, part, sink);
            for (var b = 0; b < sink.Buckets; b++)
                buckets[b].Add(new PartitionRef(key, b));
        }
        FinishStage(stageId);
        return buckets;
    }

    private int NewStage(string name, PendingPartition example, TaskSink? sink = null)
    {
        var pipeline = string.Join(" → ", new[] { example.Source.Describe() }
            .Concat(example.Operators.Select(o => o.Describe()))
            .Append((sink ?? CollectSink.Instance).Describe())
            .Where(s => s.Length > 0));
        _stages.Add(new Stage(_stages.Count, name, pipeline.Length == 0 ? "(pass inputs through)" : pipeline, 0));
        return _stages.Count - 1;
    }

    private void FinishStage(int stageId)
    {
        if (stageId >= 0)
            _stages[stageId] = _stages[stageId] with { TaskCount = _tasks.Count(t => t.Stage == stageId) };
    }

    private TaskKey AddTask(int stageId, PendingPartition part, TaskSink sink)
    {
        var key = TaskKeyHasher.Compute(_stages[stageId].Name, part, sink);
        if (_byKey.ContainsKey(key))
            return key; // equal work planned twice (a self-join of one scan): run it once
        CheckSideInputs(_stages[stageId].Name, part, sink);
        var partition = _tasks.Count(t => t.Stage == stageId);
        var task = new TaskNode(key, stageId, partition, part.Source, part.Operators.ToArray(), sink, part.Inputs.ToArray(), part.SideInputs.ToArray());
        _tasks.Add(task);
        _byKey[key] = task;
        return key;
    }

    /// <summary>
    /// Every operator or sink reading a side input points at one the task has, whose partitions have the
    /// columns it expects: a planning mistake fails here, naming the step, not as a wrong answer at run time.
    /// </summary>
    private void CheckSideInputs(string stage, PendingPartition part, TaskSink sink)
    {
        var input = part.Source.Schema;
        foreach (var op in part.Operators)
        {
            CheckSideInput(stage, part, op as ISideInputReader, op.Name, input);
            input = op.OutputSchema;
        }
        CheckSideInput(stage, part, sink as ISideInputReader, "sink", input);
    }

    private void CheckSideInput(string stage, PendingPartition part, ISideInputReader? reader, string step, Schema input)
    {
        if (reader is null)
            return;
        if ((uint)reader.SideInput >= (uint)part.SideInputs.Count)
            throw new InvalidOperationException($"planning {stage}: {step} reads side input {reader.SideInput}, but the task has {part.SideInputs.Count}");
        var expected = reader.ExpectedSideInput(input);
        foreach (var reference in part.SideInputs[reader.SideInput])
            if (_byKey.TryGetValue(reference.Task, out var producer) && !producer.OutputSchema.HasSameColumnsAs(expected))
                throw new InvalidOperationException($"planning {stage}: {step} reads side input {reader.SideInput} expecting " +
                    $"({string.Join(", ", expected.Fields)}), but {reference} has ({string.Join(", ", producer.OutputSchema.Fields)})");
    }
}
