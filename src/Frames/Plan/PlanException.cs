namespace FramesNet.Plan;

/// <summary>A DataFrame verb that cannot apply to its input: a missing column, a schema mismatch, a bad argument.</summary>
public sealed class PlanException(string message, Exception? inner = null) : Exception(message, inner);
