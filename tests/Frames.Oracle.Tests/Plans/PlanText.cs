using System.Text;

namespace FramesNet.Oracle.Tests.Plans;

/// <summary>A plan as the Frames calls that build it, one verb per line, inputs indented below.</summary>
internal static class PlanText
{
    public static string Print(PlanNode plan)
    {
        var text = new StringBuilder();
        Append(plan, 0, text);
        return text.ToString();
    }

    private static void Append(PlanNode node, int depth, StringBuilder text)
    {
        text.Append(' ', depth * 2).Append(Describe(node)).Append('\n');
        foreach (var input in node.Inputs)
            Append(input, depth + 1, text);
    }

    private static string Describe(PlanNode node) => node switch
    {
        ScanPlan s => $"Scan(t{s.Table})",
        FilterPlan f => $"Filter({f.Predicate})",
        SelectPlan s => $"Select({string.Join(", ", s.Columns)})",
        WithColumnPlan w => $"WithColumn(\"{w.Name}\", {w.Value})",
        DropPlan d => $"Drop({string.Join(", ", d.Columns.Select(c => $"\"{c}\""))})",
        RenamePlan r => $"Rename(\"{r.From}\", \"{r.To}\")",
        AggregatePlan a => $"GroupBy({string.Join(", ", a.Keys)}).Agg({string.Join(", ", a.Aggregates)})",
        DistinctPlan => "Distinct()",
        SortPlan s => $"Sort({string.Join(", ", s.Keys)})",
        HeadPlan h => $"Head({h.Count})",
        UnionPlan => "Union(first, second)",
        JoinPlan j => $"Join({j.Type}, left [{string.Join(", ", j.LeftOn)}], right [{string.Join(", ", j.RightOn)}])",
        _ => node.GetType().Name,
    };
}
