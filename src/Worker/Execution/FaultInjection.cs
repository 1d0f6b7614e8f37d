using FramesNet.Physical;

namespace FramesNet.Worker.Execution;

/// <summary>
/// Switches for testing recovery and error reports, off unless their environment variables are set: with
/// <c>FRAMES_FAULT_CRASH_ON_FILE=NAME</c>, the worker process dies at once (as from a segfault or the OOM
/// killer) when it starts a task that scans a file whose path contains NAME; with
/// <c>FRAMES_FAULT_FAIL_SEND=TEXT</c>, sending a stored partition (FetchPartition, SharePartition) of a task whose
/// key contains TEXT fails as a partition that cannot be encoded would.
/// </summary>
internal static class FaultInjection
{
    private static readonly string? CrashOnFile = Environment.GetEnvironmentVariable("FRAMES_FAULT_CRASH_ON_FILE") is { Length: > 0 } name ? name : null;
    private static readonly string? FailSend = Environment.GetEnvironmentVariable("FRAMES_FAULT_FAIL_SEND") is { Length: > 0 } text ? text : null;

    public static void FailIfPoisoned(PartitionRef partition)
    {
        if (FailSend is not null && partition.Task.Value.Contains(FailSend, StringComparison.Ordinal))
            throw new InvalidOperationException($"fault injection: FRAMES_FAULT_FAIL_SEND={FailSend} matched partition {partition}");
    }

    public static void CrashIfPoisoned(TaskNode task)
    {
        if (CrashOnFile is not null && task.Source is ScanPartition { FilePath: { } path } && path.Contains(CrashOnFile, StringComparison.Ordinal))
            Environment.FailFast($"fault injection: FRAMES_FAULT_CRASH_ON_FILE={CrashOnFile} matched task {task.Key} reading {path}");
    }
}
