using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Expressions;
using FramesNet.Physical;
using FramesNet.Plan;
using FramesNet.Plan.Optimizer;

namespace FramesNet;

public sealed partial class DataFrame
{
    /// <summary>Runs the plan and returns the whole result in memory.</summary>
    public Table Collect(CancellationToken cancellationToken = default) =>
        CollectAsync(cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();

    public async Task<Table> CollectAsync(CancellationToken cancellationToken = default, IProgress<ExecutionProgress>? progress = null)
    {
        var graph = BuildGraph();
        var partitions = await JobRun.RunAsync(JobAction.Collect, graph, Context, progress,
            watched => Context.Executor.ExecuteAsync(graph, watched, cancellationToken)).ConfigureAwait(false);
        var batches = partitions.SelectMany(p => p).Select(b => Conform(b, Schema)).ToList();
        return new Table(Schema, batches);
    }

    /// <summary>The number of rows.</summary>
    public long Count(CancellationToken cancellationToken = default) =>
        CountAsync(cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        var table = await new DataFrame(new AggregateNode(Plan, [], [Frames.Count()]), Context).CollectAsync(cancellationToken).ConfigureAwait(false);
        return (long)table[0][0]!;
    }

    /// <summary>
    /// Summary statistics of the numeric columns: one row per statistic (count, null_count, mean, std,
    /// min, max), one float64 column per numeric column.
    /// </summary>
    public Table Describe(CancellationToken cancellationToken = default)
    {
        var numeric = Schema.Fields.Where(f => f.Type.IsNumeric).Select(f => f.Name).ToList();
        if (numeric.Count == 0)
            throw new PlanException($"Describe summarises numeric columns, and there are none among {string.Join(", ", Columns)}");
        string[] statistics = ["count", "null_count", "mean", "std", "min", "max"];
        var aggregates = new List<AggregateExpr> { Frames.Count().Alias("$rows") };
        foreach (var name in numeric)
        {
            var column = Frames.Col(name);
            aggregates.Add(column.Count().Alias($"{name}$count"));
            aggregates.Add(column.Mean().Alias($"{name}$mean"));
            aggregates.Add(column.Std().Alias($"{name}$std"));
            aggregates.Add(column.Cast(DataType.Float64).Min().Alias($"{name}$min"));
            aggregates.Add(column.Cast(DataType.Float64).Max().Alias($"{name}$max"));
        }
        var row = new DataFrame(new AggregateNode(Plan, [], aggregates), Context).Collect(cancellationToken)[0];
        var rows = (long)row["$rows"]!;
        var statisticColumn = BinaryColumn.FromStrings(statistics);
        var columns = new List<Column> { statisticColumn };
        foreach (var name in numeric)
        {
            var count = (long)row[$"{name}$count"]!;
            double?[] values = [count, rows - count, (double?)row[$"{name}$mean"], (double?)row[$"{name}$std"], (double?)row[$"{name}$min"], (double?)row[$"{name}$max"]];
            var builder = new PrimitiveColumnBuilder<double>(DataType.Float64, values.Length);
            foreach (var value in values)
                builder.Append(value);
            columns.Add(builder.Build());
        }
        var schema = new Schema([new Field("statistic", DataType.Utf8, false), .. numeric.Select(n => new Field(n, DataType.Float64))]);
        return new Table(schema, [new RecordBatch(schema, columns)]);
    }

    /// <summary>How often each value of <paramref name="column"/> occurs: the value and <c>count</c>, most frequent first.</summary>
    public DataFrame ValueCounts(string column) =>
        GroupBy(column).Agg(Frames.Count().Alias("count")).Sort(SortKey.Desc("count"), SortKey.Asc(column));

    /// <summary>The logical, optimised and physical plans and the task graph (prints as text).</summary>
    public PlanExplanation Explain()
    {
        var optimized = Optimizer.Optimize(Plan, Context.Optimizer);
        var graph = PhysicalPlanner.Build(optimized, Context.Physical);
        return new PlanExplanation(PlanPrinter.Print(Plan), PlanPrinter.Print(optimized), graph.PhysicalText(), graph.TaskText(), graph.Tasks.Count);
    }

    internal TaskGraph BuildGraph() => PhysicalPlanner.Build(Optimizer.Optimize(Plan, Context.Optimizer), Context.Physical);

    /// <summary>
    /// Results carry the plan's names and types; dictionary-encoded columns are spelled out. The executor's batch is
    /// disposed once the conformed one holds its buffers, so disposing the table lets them go (memory from
    /// <see cref="Frames.FromArrow(IEnumerable{Apache.Arrow.RecordBatch}, Apache.Arrow.Schema?, FramesContext?, int)"/> included).
    /// </summary>
    private static RecordBatch Conform(RecordBatch batch, Schema schema)
    {
        var decoded = batch.Decoded();
        var conformed = decoded.WithNames(schema);
        if (!ReferenceEquals(decoded, batch))
            decoded.Dispose();
        batch.Dispose();
        return conformed;
    }
}
