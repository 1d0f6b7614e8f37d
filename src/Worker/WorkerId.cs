namespace FramesNet.Worker;

/// <summary>The id the scheduler gave this worker when it registered.</summary>
public readonly record struct WorkerId(string Value)
{
    public static WorkerId None => new("");

    public bool IsNone => string.IsNullOrEmpty(Value);

    /// <summary>The scheduler's form: <c>w-</c> and a number from 1.</summary>
    public static bool IsWellFormed(string text) =>
        text.StartsWith("w-", StringComparison.Ordinal) && text.Length > 2 && text.AsSpan(2).IndexOfAnyExceptInRange('0', '9') < 0 && text[2] != '0';

    public override string ToString() => Value;
}
