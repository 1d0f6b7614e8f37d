namespace FramesNet.Cluster;

/// <summary>A cluster job failed: the scheduler's message names the task and why (its error, or the workers it lost).</summary>
public sealed class ClusterJobException(string job, string task, string message) : Exception(message)
{
    public string Job { get; } = job;

    /// <summary>The task that failed the job; empty when the job failed as a whole.</summary>
    public string Task { get; } = task;
}
