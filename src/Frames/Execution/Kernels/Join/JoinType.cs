namespace FramesNet.Execution.Kernels;

/// <summary>
/// Join types of <see cref="HashJoin"/>, always read as <c>left JOIN right</c>. Null keys never match.
/// Semi and anti return left rows only: semi those with at least one match (each once), anti those with none
/// (NOT EXISTS semantics, so a left row with a null key is kept).
/// </summary>
public enum JoinType
{
    Inner,
    Left,
    Right,
    Full,
    Semi,
    Anti,
}
