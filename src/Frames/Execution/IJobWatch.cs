namespace FramesNet.Execution;

/// <summary>
/// One job as an <see cref="IJobObserver"/> follows it: progress reports (from any thread, possibly at once; they
/// must not throw and should return quickly), then exactly one <see cref="Finished"/>.
/// </summary>
public interface IJobWatch : IProgress<ExecutionProgress>
{
    /// <summary>The job ended: <paramref name="error"/> is null when it succeeded, else what the caller is about to see thrown.</summary>
    void Finished(Exception? error);
}
