using Microsoft.Extensions.Logging;

namespace FramesNet.Worker;

/// <summary>The worker host's own events.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(LogLevel.Information, "listening on {Address} as {Host}, {Slots} slots, memory limit {MemoryLimit}, data roots {DataRoots}")]
    public static partial void Listening(ILogger logger, Uri address, string host, int slots, string memoryLimit, string dataRoots);

    [LoggerMessage(LogLevel.Information, "released {Tasks} tasks' outputs: {Partitions} partitions dropped, {Cancelled} tasks cancelled, {StoredBytes} bytes stored")]
    public static partial void Released(ILogger logger, int tasks, int partitions, int cancelled, long storedBytes);

    [LoggerMessage(LogLevel.Information, "dropped {Tasks} queued tasks: the scheduler gives them to other workers")]
    public static partial void QueuedDropped(ILogger logger, int tasks);

    [LoggerMessage(LogLevel.Information, "stopping: {Reason}")]
    public static partial void Stopping(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Warning, "{Tasks} running tasks did not stop in time; abandoned")]
    public static partial void TasksAbandoned(ILogger logger, int tasks);

    // CPU and JIT totals tell how much of a short job went to start-up and compilation.
    [LoggerMessage(LogLevel.Information, "stopped: {Reason}; cpu {CpuMs} ms, {JitMethods} methods compiled in {JitMs} ms")]
    public static partial void Stopped(ILogger logger, string reason, long cpuMs, long jitMethods, long jitMs);
}
