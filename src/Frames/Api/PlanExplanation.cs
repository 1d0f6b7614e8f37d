namespace FramesNet;

/// <summary>
/// What <see cref="DataFrame.Explain"/> shows: the plan as written, the optimised plan, the physical plan and the
/// task graph, each as stable indented text. Prints (and converts to a string) as the four under headings; a
/// notebook shows it as four sections.
/// </summary>
public sealed class PlanExplanation
{
    internal PlanExplanation(string logical, string optimised, string physical, string taskGraph, int taskCount)
    {
        Logical = logical;
        Optimised = optimised;
        Physical = physical;
        TaskGraph = taskGraph;
        TaskCount = taskCount;
    }

    public string Logical { get; }

    public string Optimised { get; }

    public string Physical { get; }

    public string TaskGraph { get; }

    /// <summary>How many partition tasks the plan runs as.</summary>
    public int TaskCount { get; }

    /// <summary>The sections in order, each with its heading.</summary>
    public IReadOnlyList<(string Heading, string Text)> Sections =>
        [("Logical plan", Logical), ("Optimised plan", Optimised), ("Physical plan", Physical), ("Task graph", TaskGraph)];

    public override string ToString() => string.Concat(Sections.Select(s => $"== {s.Heading} ==\n{s.Text}"));

    public static implicit operator string(PlanExplanation explanation) => explanation.ToString();
}
