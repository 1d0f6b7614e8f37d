using Microsoft.Extensions.Logging;

namespace FramesNet.Worker.Connection;

/// <summary>The scheduler connection's events.</summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(LogLevel.Information, "registered as {Worker} on {Host} with {Scheduler}, serving {Address}, heartbeat every {HeartbeatMs} ms")]
    public static partial void Registered(ILogger logger, string worker, string host, Uri scheduler, Uri address, long heartbeatMs);

    [LoggerMessage(LogLevel.Information, "scheduler {Scheduler} not reachable (attempt {Attempt}); retrying in {DelayMs} ms: {Reason}")]
    public static partial void RegisterRetry(ILogger logger, Uri scheduler, int attempt, long delayMs, string reason);

    [LoggerMessage(LogLevel.Information, "control stream open as {Worker} on {Host}, {Stored} stored partitions announced")]
    public static partial void Connected(ILogger logger, string worker, string host, int stored);

    [LoggerMessage(LogLevel.Warning, "control stream broken: {Reason}; reconnecting")]
    public static partial void StreamBroken(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Error, "giving up: {Reason}")]
    public static partial void GaveUp(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Warning, "the scheduler is stopping: {Reason}; reconnecting")]
    public static partial void SchedulerStopping(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "the scheduler asked for shutdown: {Reason}")]
    public static partial void ShutdownRequested(ILogger logger, string reason);
}
