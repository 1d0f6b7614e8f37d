using Microsoft.Extensions.Logging;

namespace FramesNet.Worker.Execution;

/// <summary>Task execution's events.</summary>
internal static partial class ExecutionLog
{
    [LoggerMessage(LogLevel.Information, "task {Task} done in {Seconds}s, {Rows} rows out")]
    public static partial void TaskDone(ILogger logger, string task, double seconds, long rows);

    [LoggerMessage(LogLevel.Warning, "task {Task} failed in {Operator}: {Message} ({Missing} missing inputs)")]
    public static partial void TaskFailed(ILogger logger, string task, string @operator, string message, int missing);

    [LoggerMessage(LogLevel.Information, "task {Task} cancelled")]
    public static partial void TaskCancelled(ILogger logger, string task);

    [LoggerMessage(LogLevel.Warning, "store over its memory limit ({MemoryBytes} of {Limit} bytes): {Queued} queued tasks wait")]
    public static partial void Paused(ILogger logger, long memoryBytes, long limit, int queued);

    [LoggerMessage(LogLevel.Information, "store under its memory limit again ({MemoryBytes} bytes): starting the {Queued} queued tasks")]
    public static partial void Resumed(ILogger logger, long memoryBytes, int queued);

    [LoggerMessage(LogLevel.Warning, "fetching {Partition} from {Address} failed: {Reason}")]
    public static partial void FetchFailed(ILogger logger, string partition, string address, string reason);

    [LoggerMessage(LogLevel.Warning, "the stored copy of {Partition} cannot be read back")]
    public static partial void LocalCopyUnreadable(ILogger logger, string partition, Exception exception);
}
