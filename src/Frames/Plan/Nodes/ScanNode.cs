using FramesNet.Columns;
using FramesNet.Expressions;

namespace FramesNet.Plan;

/// <summary>
/// Reads a <see cref="DataSource"/>. Projection pushdown narrows <see cref="Columns"/> to what the plan
/// needs (a CSV scan then parses only those); predicate pushdown moves filters into <see cref="Filter"/>,
/// evaluated inside the scan task right after each batch is read.
/// </summary>
public sealed class ScanNode : LogicalPlan
{
    public ScanNode(DataSource source, IReadOnlyList<string>? columns = null, Expr? filter = null)
    {
        Source = source;
        Columns = columns ?? source.Schema.Fields.Select(f => f.Name).ToArray();
        Schema = source.Schema.Select(Columns.Select(source.Schema.IndexOf));
        Filter = filter;
        if (filter is not null)
            Expressions.Binding.Binder.BindPredicate(filter, source.Schema);
    }

    public DataSource Source { get; }

    /// <summary>The columns produced, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>A predicate over the source's columns applied while scanning; null for none.</summary>
    public Expr? Filter { get; }

    public override Schema Schema { get; }

    public override IReadOnlyList<LogicalPlan> Inputs => [];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;

    public ScanNode WithColumns(IReadOnlyList<string> columns) => new(Source, columns, Filter);

    public ScanNode WithFilter(Expr? filter) => new(Source, Columns, filter);

    public override string Describe()
    {
        var all = Columns.Count == Source.Schema.Count;
        var text = $"Scan {Source.Describe()} columns=[{(all ? "*" : string.Join(", ", Columns))}]";
        if (Filter is not null)
            text = $"{text} filter=[{Filter}]";
        return Source.DescribePushdown(Columns, Filter) is { } pushed ? $"{text} pushed=[{pushed}]" : text;
    }
}
