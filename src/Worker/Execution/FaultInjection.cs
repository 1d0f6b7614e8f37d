using FramesNet.Physical;

namespace FramesNet.Worker.Execution;

/// <summary>
/// A switch for testing recovery, off unless its environment variable is set: with
/// <c>FRAMES_FAULT_CRASH_ON_FILE=NAME</c>, the worker process dies at once (as from a segfault or the OOM
/// killer) when it starts a task that scans a file whose path contains NAME.
/// </summary>
internal static class FaultInjection
{
    private static readonly string? CrashOnFile = Environment.GetEnvironmentVariable("FRAMES_FAULT_CRASH_ON_FILE") is { Length: > 0 } name ? name : null;

    public static void CrashIfPoisoned(TaskNode task)
    {
        if (CrashOnFile is not null && task.Source is ScanPartition { FilePath: { } path } && path.Contains(CrashOnFile, StringComparison.Ordinal))
            Environment.FailFast($"fault injection: FRAMES_FAULT_CRASH_ON_FILE={CrashOnFile} matched task {task.Key} reading {path}");
    }
}
