namespace FramesNet.Plan.Optimizer;

/// <summary>Runs the rules in order, each once, skipping the disabled ones; the order is part of the design.</summary>
public static class Optimizer
{
    private static readonly IOptimizerRule[] Rules =
    [
        new ConstantFolding(),
        new PredicatePushdown(),
        new FilterMerging(),
        new ProjectionPushdown(),
        new TopKSelection(),
        new JoinStrategySelection(),
    ];

    public static IReadOnlyList<string> RuleNames { get; } = Rules.Select(r => r.Name).ToArray();

    public static LogicalPlan Optimize(LogicalPlan plan, OptimizerOptions? options = null)
    {
        options ??= OptimizerOptions.Default;
        foreach (var name in options.Disabled)
            if (!RuleNames.Contains(name))
                throw new ArgumentException($"no optimiser rule called '{name}'; the rules are {string.Join(", ", RuleNames)}");
        foreach (var rule in Rules)
            if (!options.Disabled.Contains(rule.Name))
                plan = rule.Rewrite(plan, options);
        return plan;
    }
}
