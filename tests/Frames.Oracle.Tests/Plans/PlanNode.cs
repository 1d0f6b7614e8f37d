using FramesNet.Expressions;
using FramesNet.Plan;

namespace FramesNet.Oracle.Tests.Plans;

/// <summary>
/// A generated query plan: one record per DataFrame verb, built into a Frames DataFrame (<see cref="FramesPlan"/>)
/// and translated to DuckDB SQL (<see cref="SqlPlan"/>). Expressions are Frames' own <see cref="Expr"/> trees.
/// </summary>
internal abstract record PlanNode
{
    public abstract IReadOnlyList<PlanNode> Inputs { get; }

    public abstract PlanNode WithInputs(IReadOnlyList<PlanNode> inputs);

    /// <summary>Every node, parents first.</summary>
    public IEnumerable<PlanNode> Walk() => Inputs.SelectMany(i => i.Walk()).Prepend(this);

    public int Size => Walk().Count();
}

internal sealed record ScanPlan(int Table) : PlanNode
{
    public override IReadOnlyList<PlanNode> Inputs => [];
    public override PlanNode WithInputs(IReadOnlyList<PlanNode> inputs) => this;
}

internal abstract record UnaryPlan(PlanNode Input) : PlanNode
{
    public override IReadOnlyList<PlanNode> Inputs => [Input];
    public override PlanNode WithInputs(IReadOnlyList<PlanNode> inputs) => this with { Input = inputs[0] };
}

internal sealed record FilterPlan(PlanNode Input, Expr Predicate) : UnaryPlan(Input);

/// <summary>Select of expressions; each is a bare column or has an alias.</summary>
internal sealed record SelectPlan(PlanNode Input, IReadOnlyList<Expr> Columns) : UnaryPlan(Input);

internal sealed record WithColumnPlan(PlanNode Input, string Name, Expr Value) : UnaryPlan(Input);

internal sealed record DropPlan(PlanNode Input, IReadOnlyList<string> Columns) : UnaryPlan(Input);

internal sealed record RenamePlan(PlanNode Input, string From, string To) : UnaryPlan(Input);

/// <summary>GroupBy(keys).Agg(aggregates), or Agg(aggregates) over all rows when there are no keys.</summary>
internal sealed record AggregatePlan(PlanNode Input, IReadOnlyList<Expr> Keys, IReadOnlyList<AggregateExpr> Aggregates) : UnaryPlan(Input);

internal sealed record DistinctPlan(PlanNode Input) : UnaryPlan(Input);

internal sealed record SortPlan(PlanNode Input, IReadOnlyList<SortKey> Keys) : UnaryPlan(Input);

internal sealed record HeadPlan(PlanNode Input, long Count) : UnaryPlan(Input);

internal sealed record JoinPlan(PlanNode Left, PlanNode Right, JoinType Type, IReadOnlyList<string> LeftOn, IReadOnlyList<string> RightOn) : PlanNode
{
    public override IReadOnlyList<PlanNode> Inputs => [Left, Right];
    public override PlanNode WithInputs(IReadOnlyList<PlanNode> inputs) => this with { Left = inputs[0], Right = inputs[1] };
}

internal sealed record UnionPlan(PlanNode First, PlanNode Second) : PlanNode
{
    public override IReadOnlyList<PlanNode> Inputs => [First, Second];
    public override PlanNode WithInputs(IReadOnlyList<PlanNode> inputs) => this with { First = inputs[0], Second = inputs[1] };
}
