using FramesNet.Execution;
using Microsoft.DotNet.Interactive;

namespace FramesNet.Interactive;

/// <summary>Gives every job a notebook cell runs its own output, which <see cref="NotebookJobWatch"/> updates in place.</summary>
internal sealed class NotebookJobObserver : IJobObserver
{
    /// <summary>Jobs outside a cell (no kernel command running: a background task, a test host) are not shown.</summary>
    public IJobWatch? JobStarting(JobStart job) =>
        KernelInvocationContext.Current is { IsComplete: false } context ? NotebookJobWatch.Start(job, context, TimeProvider.System) : null;
}
