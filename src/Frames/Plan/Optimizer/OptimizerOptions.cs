namespace FramesNet.Plan.Optimizer;

/// <summary>Switches and thresholds for the optimiser.</summary>
public sealed record OptimizerOptions
{
    /// <summary>Names of rules to skip (see <see cref="Optimizer.RuleNames"/>).</summary>
    public IReadOnlySet<string> Disabled { get; init; } = new HashSet<string>();

    /// <summary>A join side estimated at or below this many bytes is broadcast to every task of the other side.</summary>
    public long BroadcastThresholdBytes { get; init; } = 64L << 20;

    public static OptimizerOptions Default { get; } = new();
}
