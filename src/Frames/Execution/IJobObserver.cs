namespace FramesNet.Execution;

/// <summary>
/// Sees every job this process runs, in-process or on a cluster (a notebook's live progress display is one);
/// registered with <see cref="JobObservers.Add"/>.
/// </summary>
public interface IJobObserver
{
    /// <summary>
    /// A job is starting. Called on the caller's async flow, so ambient state (a notebook cell's context) is there.
    /// Returns where the job's progress goes, or null to ignore this job.
    /// </summary>
    IJobWatch? JobStarting(JobStart job);
}
