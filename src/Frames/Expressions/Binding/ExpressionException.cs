namespace FramesNet.Expressions;

/// <summary>An expression that does not fit its input: a missing column, a type mismatch, a bad argument.</summary>
public sealed class ExpressionException(string message) : Exception(message);
