using FramesNet.Expressions;
using FramesNet.Oracle.Tests.Data;
using FramesNet.Oracle.Tests.Plans;

namespace FramesNet.Oracle.Tests.Checking;

/// <summary>
/// Makes a failing case small while it keeps failing the same way: drops operators (a node replaced by one
/// of its inputs), select columns, group keys, aggregates, join keys and sort keys; replaces expressions by
/// their sub-expressions; drops files, halves of files, single rows and columns; and puts the cutting
/// settings back to their defaults. Greedy: the first candidate that still fails is taken, then again.
/// </summary>
internal sealed class Shrinker(Func<OracleCase, CaseOutcome> run, int maxRuns, TimeSpan maxTime)
{
    public int Runs { get; private set; }

    public int Steps { get; private set; }

    public (OracleCase Case, CaseOutcome Outcome) Shrink(OracleCase failing, CaseOutcome outcome)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var improved = true;
        while (improved && Runs < maxRuns && clock.Elapsed < maxTime)
        {
            improved = false;
            foreach (var candidate in Candidates(failing))
            {
                if (Runs >= maxRuns || clock.Elapsed >= maxTime)
                    break;
                if (PlanRules.Violation(candidate.Plan, candidate.Tables) is not null)
                    continue;
                Runs++;
                var result = run(candidate);
                if (result.Verdict == CaseVerdict.Fail && result.Category == outcome.Category)
                {
                    (failing, outcome, improved) = (candidate, result, true);
                    Steps++;
                    break;
                }
            }
        }
        return (failing, outcome);
    }

    private static IEnumerable<OracleCase> Candidates(OracleCase c)
    {
        foreach (var node in c.Plan.Walk())
            foreach (var input in node.Inputs)
                yield return c with { Plan = Replace(c.Plan, node, input) };
        for (var t = 0; t < c.Tables.Count; t++)
        {
            var table = c.Tables[t];
            for (var p = 0; p < table.Parts.Count; p++)
            {
                if (table.Parts.Count > 1)
                    yield return WithTable(c, t, RemovePart(table, p));
                if (table.Parts[p].Count > 1)
                {
                    var part = table.Parts[p];
                    var half = part.Count / 2;
                    yield return WithTable(c, t, KeepRows(table, part, Enumerable.Range(part.Start, half)));
                    yield return WithTable(c, t, KeepRows(table, part, Enumerable.Range(part.Start + half, part.Count - half)));
                }
            }
        }
        foreach (var node in c.Plan.Walk())
            foreach (var simpler in Simplify(node))
                yield return c with { Plan = Replace(c.Plan, node, simpler) };
        foreach (var settings in SimplerSettings(c.Settings))
            yield return c with { Settings = settings };
        for (var t = 0; t < c.Tables.Count; t++)
        {
            var table = c.Tables[t];
            foreach (var part in table.Parts.Where(p => p.Count is > 0 and <= 8))
                for (var r = part.Start; r < part.Start + part.Count; r++)
                {
                    var drop = r;
                    yield return WithTable(c, t, KeepRows(table, part, Enumerable.Range(part.Start, part.Count).Where(i => i != drop)));
                }
            if (table.Columns.Count > 1)
                foreach (var column in table.Columns)
                    yield return WithTable(c, t, table with { Columns = table.Columns.Where(x => x != column).ToList() });
        }
    }

    private static OracleCase WithTable(OracleCase c, int index, OracleTable table)
    {
        if (table.Format == TableFormat.CsvInferred && !CsvInference.IsUnambiguous(table))
            table = table with { Format = TableFormat.Csv };
        return c with { Tables = c.Tables.Select((t, i) => i == index ? table : t).ToList() };
    }

    private static OracleTable RemovePart(OracleTable table, int part) =>
        table.WithRows(p => ReferenceEquals(p, table.Parts[part]) ? [] : Enumerable.Range(p.Start, p.Count).ToList()) is var cut
            ? cut with { Parts = cut.Parts.Where((_, i) => i != part).ToList() }
            : table;

    private static OracleTable KeepRows(OracleTable table, TablePart part, IEnumerable<int> rows)
    {
        var kept = rows.ToList();
        return table.WithRows(p => ReferenceEquals(p, part) ? kept : Enumerable.Range(p.Start, p.Count).ToList());
    }

    private static IEnumerable<CaseSettings> SimplerSettings(CaseSettings s)
    {
        var plain = new CaseSettings(32L << 20, 64 * 1024, 8, 0, Physical.CombineStrategy.Auto, 64L << 20, null, 64 * 1024);
        if (s.ScanPartitionBytes != plain.ScanPartitionBytes) yield return s with { ScanPartitionBytes = plain.ScanPartitionBytes };
        if (s.BatchRows != plain.BatchRows) yield return s with { BatchRows = plain.BatchRows };
        if (s.CsvBatchRows != plain.CsvBatchRows) yield return s with { CsvBatchRows = plain.CsvBatchRows };
        if (s.DisabledRule is not null) yield return s with { DisabledRule = null };
        if (s.Combine != plain.Combine) yield return s with { Combine = plain.Combine };
        if (s.ShuffleBuckets != plain.ShuffleBuckets) yield return s with { ShuffleBuckets = plain.ShuffleBuckets };
        if (s.TreeFanIn != plain.TreeFanIn) yield return s with { TreeFanIn = plain.TreeFanIn };
        if (s.BroadcastThresholdBytes != plain.BroadcastThresholdBytes) yield return s with { BroadcastThresholdBytes = plain.BroadcastThresholdBytes };
    }

    /// <summary>Smaller versions of one node: fewer columns, keys or aggregates, and simpler expressions.</summary>
    private static IEnumerable<PlanNode> Simplify(PlanNode node)
    {
        switch (node)
        {
            case FilterPlan f:
                foreach (var e in Smaller(f.Predicate)) yield return f with { Predicate = e };
                break;
            case SelectPlan s:
                for (var i = 0; i < s.Columns.Count; i++)
                {
                    if (s.Columns.Count > 1)
                        yield return s with { Columns = s.Columns.Where((_, j) => j != i).ToList() };
                    var index = i;
                    foreach (var e in SmallerAliased(s.Columns[i]))
                        yield return s with { Columns = s.Columns.Select((c, j) => j == index ? e : c).ToList() };
                }
                break;
            case WithColumnPlan w:
                foreach (var e in Smaller(w.Value)) yield return w with { Value = e };
                break;
            case AggregatePlan a:
                for (var i = 0; i < a.Keys.Count; i++)
                    yield return a with { Keys = a.Keys.Where((_, j) => j != i).ToList() };
                for (var i = 0; i < a.Aggregates.Count; i++)
                {
                    if (a.Aggregates.Count > 1)
                        yield return a with { Aggregates = a.Aggregates.Where((_, j) => j != i).ToList() };
                    var g = a.Aggregates[i];
                    var index = i;
                    if (g.Input is not null)
                        foreach (var e in Smaller(g.Input))
                            yield return a with { Aggregates = a.Aggregates.Select((x, j) => j == index ? new AggregateExpr(g.Function, e, g.Name) : x).ToList() };
                }
                break;
            case JoinPlan { LeftOn.Count: > 1 } j:
                for (var i = 0; i < j.LeftOn.Count; i++)
                    yield return j with { LeftOn = j.LeftOn.Where((_, k) => k != i).ToList(), RightOn = j.RightOn.Where((_, k) => k != i).ToList() };
                break;
            case SortPlan { Keys.Count: > 1 } s:
                for (var i = 0; i < s.Keys.Count; i++)
                    yield return s with { Keys = s.Keys.Where((_, k) => k != i).ToList() };
                break;
        }
    }

    private static IEnumerable<Expr> SmallerAliased(Expr e) =>
        e is AliasExpr a ? Smaller(a.Input).Select(x => x.Alias(a.Name)) : [];

    /// <summary>The expression with one node replaced by one of its children, outermost first.</summary>
    private static IEnumerable<Expr> Smaller(Expr e)
    {
        foreach (var node in e.Walk())
            foreach (var child in node.Children)
                yield return Replace(e, node, child);
    }

    private static Expr Replace(Expr e, Expr target, Expr replacement)
    {
        if (ReferenceEquals(e, target))
            return replacement;
        var children = e.Children;
        var replaced = children.Select(c => Replace(c, target, replacement)).ToList();
        return replaced.Where((c, i) => !ReferenceEquals(c, children[i])).Any() ? e.WithChildren(replaced) : e;
    }

    private static PlanNode Replace(PlanNode plan, PlanNode target, PlanNode replacement)
    {
        if (ReferenceEquals(plan, target))
            return replacement;
        var inputs = plan.Inputs;
        var replaced = inputs.Select(i => Replace(i, target, replacement)).ToList();
        return replaced.Where((p, i) => !ReferenceEquals(p, inputs[i])).Any() ? plan.WithInputs(replaced) : plan;
    }
}
