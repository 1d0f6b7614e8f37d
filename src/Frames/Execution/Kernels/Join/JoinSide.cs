namespace FramesNet.Execution.Kernels;

/// <summary>One side of a join.</summary>
public enum JoinSide
{
    Left,
    Right,
}
