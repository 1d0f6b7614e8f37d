using FramesNet.Plan;

namespace FramesNet.Oracle.Tests.Plans;

/// <summary>Builds a generated plan with Frames' public verbs; <paramref name="scan"/> gives the frame over a table's files.</summary>
internal static class FramesPlan
{
    public static DataFrame Build(PlanNode node, Func<int, DataFrame> scan) => node switch
    {
        ScanPlan s => scan(s.Table),
        FilterPlan f => Build(f.Input, scan).Filter(f.Predicate),
        SelectPlan s => Build(s.Input, scan).Select(s.Columns.ToArray()),
        WithColumnPlan w => Build(w.Input, scan).WithColumn(w.Name, w.Value),
        DropPlan d => Build(d.Input, scan).Drop(d.Columns.ToArray()),
        RenamePlan r => Build(r.Input, scan).Rename(r.From, r.To),
        AggregatePlan { Keys.Count: 0 } a => Build(a.Input, scan).Agg(a.Aggregates.ToArray()),
        AggregatePlan a => Build(a.Input, scan).GroupBy(a.Keys.ToArray()).Agg(a.Aggregates.ToArray()),
        DistinctPlan d => Build(d.Input, scan).Distinct(),
        SortPlan s => Build(s.Input, scan).Sort(s.Keys.ToArray()),
        HeadPlan h => Build(h.Input, scan).Head(h.Count),
        UnionPlan u => Build(u.First, scan).Union(Build(u.Second, scan)),
        JoinPlan { LeftOn.Count: 1 } j when j.LeftOn[0] == j.RightOn[0] => Build(j.Left, scan).Join(Build(j.Right, scan), j.LeftOn[0], j.Type),
        JoinPlan j when j.LeftOn.SequenceEqual(j.RightOn) => Build(j.Left, scan).Join(Build(j.Right, scan), j.LeftOn, j.Type),
        JoinPlan j => Build(j.Left, scan).Join(Build(j.Right, scan), j.LeftOn, j.RightOn, j.Type),
        _ => throw new NotSupportedException(node.GetType().Name),
    };
}
