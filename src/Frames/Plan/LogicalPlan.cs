using FramesNet.Columns;

namespace FramesNet.Plan;

/// <summary>
/// A node of the logical plan: what to compute, with its output schema known (and checked) when it is
/// built. Logical nodes know schemas, not partitions; the physical planner decides how to split the work.
/// </summary>
public abstract class LogicalPlan
{
    /// <summary>The columns this node produces.</summary>
    public abstract Schema Schema { get; }

    public abstract IReadOnlyList<LogicalPlan> Inputs { get; }

    /// <summary>The same node over new inputs (same count and order).</summary>
    public abstract LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs);

    /// <summary>One line describing this node (without its inputs), as EXPLAIN prints it.</summary>
    public abstract string Describe();

    /// <summary>Rewrites the tree bottom-up.</summary>
    public LogicalPlan Transform(Func<LogicalPlan, LogicalPlan> rewrite)
    {
        var inputs = Inputs;
        if (inputs.Count == 0)
            return rewrite(this);
        var changed = false;
        var rewritten = new LogicalPlan[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            rewritten[i] = inputs[i].Transform(rewrite);
            changed |= !ReferenceEquals(rewritten[i], inputs[i]);
        }
        return rewrite(changed ? WithInputs(rewritten) : this);
    }

    /// <summary>The plan as indented text, one node a line.</summary>
    public override string ToString() => PlanPrinter.Print(this);
}
