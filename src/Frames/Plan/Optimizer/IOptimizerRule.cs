namespace FramesNet.Plan.Optimizer;

/// <summary>One named rewrite of a logical plan. Rules must keep the plan's output schema and its answer.</summary>
public interface IOptimizerRule
{
    /// <summary>The name EXPLAIN shows and <see cref="OptimizerOptions.Disabled"/> switches off.</summary>
    string Name { get; }

    LogicalPlan Rewrite(LogicalPlan plan, OptimizerOptions options);
}
