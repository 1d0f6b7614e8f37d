namespace FramesNet.Worker;

/// <summary>The id the scheduler gave this worker when it registered.</summary>
public readonly record struct WorkerId(string Value)
{
    public static WorkerId None => new("");

    public bool IsNone => string.IsNullOrEmpty(Value);

    public override string ToString() => Value;
}
