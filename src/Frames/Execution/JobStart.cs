namespace FramesNet.Execution;

/// <summary>What an <see cref="IJobObserver"/> is told when a job starts.</summary>
/// <param name="Action">What runs it: a collect (also Count, Describe), a persist or a write.</param>
/// <param name="TasksTotal">The partition tasks of its graph.</param>
/// <param name="OnCluster">True when a cluster runs it, false when this process does.</param>
public sealed record JobStart(JobAction Action, int TasksTotal, bool OnCluster);

/// <summary>The action that started a job.</summary>
public enum JobAction
{
    Collect,
    Persist,
    Write,
}
