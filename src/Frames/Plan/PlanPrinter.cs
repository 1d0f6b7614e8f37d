using System.Text;

namespace FramesNet.Plan;

/// <summary>Prints plans as stable indented text: the form EXPLAIN shows and golden files pin.</summary>
public static class PlanPrinter
{
    public static string Print(LogicalPlan plan)
    {
        var text = new StringBuilder();
        Append(plan, 0, text);
        return text.ToString();
    }

    private static void Append(LogicalPlan plan, int depth, StringBuilder text)
    {
        text.Append(' ', depth * 2).Append(plan.Describe()).Append('\n');
        foreach (var input in plan.Inputs)
            Append(input, depth + 1, text);
    }
}
