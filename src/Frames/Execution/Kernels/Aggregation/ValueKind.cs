namespace FramesNet.Execution.Kernels;

/// <summary>The aggregates that keep one input value per group: which value wins.</summary>
internal enum ValueKind
{
    Min,
    Max,
    First,
    Last,
}
