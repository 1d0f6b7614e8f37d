using FramesNet.Cluster;
using FramesNet.Display;
using FramesNet.Plan;

namespace FramesNet.Interactive;

/// <summary>What a notebook says about a <see cref="DataFrame"/> without running it: where it would run and its plan as written.</summary>
internal static class DataFrameText
{
    public const string NotComputed = "not computed yet — call Collect() to run it";

    public static string Where(DataFrame frame) => frame.Context.Executor is ClusterExecutor ? "on a cluster" : "in this process";

    public static string Heading(DataFrame frame) =>
        $"DataFrame with {Counted.Of(frame.Schema.Count, "column")}, runs {Where(frame)}: {NotComputed}";

    /// <summary>The plain-text form: the heading, the columns one a line, and the plan.</summary>
    public static string Of(DataFrame frame) =>
        $"{Heading(frame)}\n{frame.Schema}\n== Plan ==\n{PlanPrinter.Print(frame.Plan)}";
}
