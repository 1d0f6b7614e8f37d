using FramesNet.Cluster;
using FramesNet.Physical;

namespace FramesNet.Execution;

/// <summary>
/// Runs one job with its progress going to the caller's <see cref="IProgress{T}"/> (or the context's) and to every
/// registered <see cref="IJobObserver"/>, and tells the observers how it ended.
/// </summary>
internal static class JobRun
{
    public static async Task<T> RunAsync<T>(JobAction action, TaskGraph graph, FramesContext context, IProgress<ExecutionProgress>? progress,
        Func<IProgress<ExecutionProgress>?, Task<T>> run)
    {
        progress ??= context.Progress;
        var observers = JobObservers.Current;
        if (observers.Length == 0)
            return await run(progress).ConfigureAwait(false);

        var start = new JobStart(action, graph.Tasks.Count, context.Executor is ClusterExecutor);
        var watches = new List<IJobWatch>(observers.Length);
        foreach (var observer in observers)
            if (observer.JobStarting(start) is { } watch)
                watches.Add(watch);
        if (watches.Count == 0)
            return await run(progress).ConfigureAwait(false);

        T result;
        try
        {
            result = await run(new FanOut(progress, watches)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            foreach (var watch in watches)
                watch.Finished(e);
            throw;
        }
        foreach (var watch in watches)
            watch.Finished(null);
        return result;
    }

    private sealed class FanOut(IProgress<ExecutionProgress>? caller, List<IJobWatch> watches) : IProgress<ExecutionProgress>
    {
        public void Report(ExecutionProgress value)
        {
            caller?.Report(value);
            foreach (var watch in watches)
                watch.Report(value);
        }
    }
}
