using FramesNet.Execution;
using FramesNet.Physical;
using FramesNet.Plan.Optimizer;

namespace FramesNet;

/// <summary>
/// Where and how DataFrames run: the executor (in-process by default, or a cluster), the optimiser's
/// switches and the physical planner's sizes. DataFrames made from a context run with it.
/// </summary>
public sealed record FramesContext
{
    /// <summary>The embedded default: all cores of this process.</summary>
    public static FramesContext Local { get; } = new();

    public IExecutor Executor { get; init; } = new LocalExecutor();

    public OptimizerOptions Optimizer { get; init; } = OptimizerOptions.Default;

    public PhysicalOptions Physical { get; init; } = PhysicalOptions.Default;

    /// <summary>Where progress of every job goes (null: nowhere).</summary>
    public IProgress<ExecutionProgress>? Progress { get; init; }
}
