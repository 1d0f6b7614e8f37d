using FramesNet.Columns;
using FramesNet.Expressions;
using FramesNet.Plan;

namespace FramesNet;

/// <summary>
/// A lazy, partitioned table: a logical plan plus the context it runs in. Verbs return new DataFrames
/// and only check the plan (a wrong column or type fails at once); <see cref="Collect"/>, <see cref="Count"/>
/// and the writers run it.
/// </summary>
/// <example><code>
/// var top = Frames.ReadCsv("/data/trips-*.csv")
///     .Filter(Col("fare") &gt; 20)
///     .GroupBy("vendor").Agg(Count(), Col("fare").Mean())
///     .Collect();
/// </code></example>
public sealed partial class DataFrame
{
    internal DataFrame(LogicalPlan plan, FramesContext context)
    {
        Plan = plan;
        Context = context;
    }

    public LogicalPlan Plan { get; }

    public FramesContext Context { get; }

    public Schema Schema => Plan.Schema;

    public IReadOnlyList<string> Columns => Plan.Schema.Fields.Select(f => f.Name).ToArray();

    /// <summary>The same plan run in another context (for instance a cluster).</summary>
    public DataFrame WithContext(FramesContext context) => new(Plan, context);

    private DataFrame Next(Func<LogicalPlan> build)
    {
        try
        {
            return new DataFrame(build(), Context);
        }
        catch (ExpressionException e)
        {
            throw new PlanException(e.Message, e);
        }
    }

    public DataFrame Select(params string[] columns) => Select(columns.Select(c => (Expr)new ColumnExpr(c)).ToArray());

    /// <summary>One output column per expression, named by its alias (or the column it reads).</summary>
    public DataFrame Select(params Expr[] expressions) => Next(() => new ProjectNode(Plan, expressions));

    /// <summary>Keeps the rows where <paramref name="predicate"/> is true; null counts as false.</summary>
    public DataFrame Filter(Expr predicate) => Next(() => new FilterNode(Plan, predicate));

    /// <summary>Same as <see cref="Filter"/>.</summary>
    public DataFrame Where(Expr predicate) => Filter(predicate);

    /// <summary>Adds a column, or replaces the one called <paramref name="name"/> in place.</summary>
    public DataFrame WithColumn(string name, Expr value)
    {
        var exprs = Columns.Select(c => c == name ? value.Alias(name) : (Expr)new ColumnExpr(c)).ToList();
        if (!Columns.Contains(name))
            exprs.Add(value.Alias(name));
        return Select(exprs.ToArray());
    }

    public DataFrame Drop(params string[] columns)
    {
        foreach (var column in columns)
            if (Schema.TryIndexOf(column) < 0)
                throw new PlanException($"cannot drop: {Schema.ColumnNotFoundMessage(column)}");
        return Select(Columns.Except(columns).ToArray());
    }

    public DataFrame Rename(string from, string to) => Rename(new Dictionary<string, string> { [from] = to });

    public DataFrame Rename(IReadOnlyDictionary<string, string> names)
    {
        foreach (var from in names.Keys)
            if (Schema.TryIndexOf(from) < 0)
                throw new PlanException($"cannot rename: {Schema.ColumnNotFoundMessage(from)}");
        return Select(Columns.Select(c => names.TryGetValue(c, out var to) ? new ColumnExpr(c).Alias(to) : new ColumnExpr(c)).ToArray());
    }

    /// <summary>Aggregates over all rows: one row with one column per aggregate.</summary>
    public DataFrame Agg(params AggregateExpr[] aggregates) => new GroupedDataFrame(this, []).Agg(aggregates);

    public GroupedDataFrame GroupBy(params string[] keys) => GroupBy(keys.Select(k => (Expr)new ColumnExpr(k)).ToArray());

    public GroupedDataFrame GroupBy(params Expr[] keys) => new(this, keys);

    /// <summary>Equi-join on columns with the same name on both sides (the key appears once in the output).</summary>
    public DataFrame Join(DataFrame right, string on, JoinType how = JoinType.Inner) => Join(right, [on], [on], how);

    public DataFrame Join(DataFrame right, IReadOnlyList<string> on, JoinType how = JoinType.Inner) => Join(right, on, on, how);

    /// <summary>Equi-join of <paramref name="leftOn"/>[i] with <paramref name="rightOn"/>[i]; clashing right names get <paramref name="suffix"/>.</summary>
    public DataFrame Join(DataFrame right, IReadOnlyList<string> leftOn, IReadOnlyList<string> rightOn, JoinType how = JoinType.Inner,
        string suffix = "_right") => Next(() => new JoinNode(Plan, right.Plan, how, leftOn, rightOn, suffix));

    /// <summary>Ascending by each column in turn.</summary>
    public DataFrame Sort(params string[] columns) => Sort(columns.Select(c => SortKey.Asc(c)).ToArray());

    public DataFrame Sort(params SortKey[] keys) => Next(() => new SortNode(Plan, keys));

    public DataFrame OrderBy(params SortKey[] keys) => Sort(keys);

    /// <summary>The first <paramref name="n"/> rows.</summary>
    public DataFrame Head(long n = 10) => Next(() => new LimitNode(Plan, n));

    public DataFrame Limit(long n) => Head(n);

    public DataFrame Distinct() => Next(() => new DistinctNode(Plan));

    /// <summary>The rows of this and then of each other frame (columns must match by name and type).</summary>
    public DataFrame Union(params DataFrame[] others) => Next(() => new UnionNode([Plan, .. others.Select(o => o.Plan)]));

    /// <summary>Redistributes the rows into <paramref name="partitions"/> partitions, by hash of <paramref name="by"/> or evenly.</summary>
    public DataFrame Repartition(int partitions, params string[] by) => Next(() => new RepartitionNode(Plan, partitions, by));

    /// <summary>
    /// Applies <paramref name="function"/> to every batch of every partition. It must return batches of
    /// <paramref name="outputSchema"/>; when that is null, the function is called once on an empty batch to learn it.
    /// </summary>
    public DataFrame MapPartitions(Func<RecordBatch, RecordBatch> function, Schema? outputSchema = null)
    {
        outputSchema ??= function(Execution.Kernels.RecordBatchKernels.Empty(Schema)).Schema;
        return Next(() => new MapPartitionsNode(Plan, function, outputSchema, function.Method.Name));
    }

    /// <summary>
    /// <see cref="MapPartitions"/> over Apache.Arrow record batches: each batch reaches <paramref name="function"/> as an
    /// <c>Apache.Arrow.RecordBatch</c> over Frames' buffers and what it returns is taken back over its own buffers, with no
    /// values copied either way. Frames owns the returned batch (it is disposed when Frames is done with it). The input
    /// batch is valid during the call; keep what you need of it by returning it. (A separate name, as a lambda such as
    /// <c>b =&gt; b</c> would fit both overloads.)
    /// </summary>
    public DataFrame MapArrowPartitions(Func<Apache.Arrow.RecordBatch, Apache.Arrow.RecordBatch> function, Apache.Arrow.Schema? outputSchema = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        var mapper = new Interop.ApacheArrowMapper(function);
        Columns.Schema schema;
        if (outputSchema is null)
        {
            using var probe = mapper.Map(Execution.Kernels.RecordBatchKernels.Empty(Schema));
            schema = probe.Schema;
        }
        else
        {
            schema = Interop.ApacheArrow.ToFrames(outputSchema);
        }
        return Next(() => new MapPartitionsNode(Plan, mapper.Map, schema, function.Method.Name));
    }

    public override string ToString() => $"DataFrame [{string.Join(", ", Schema.Fields)}] (lazy; Collect() runs it)";
}
