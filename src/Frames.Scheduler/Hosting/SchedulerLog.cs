using Microsoft.Extensions.Logging;

namespace FramesNet.Scheduler.Hosting;

/// <summary>The scheduler's log events; each becomes one <c>event key=value…</c> line (FramesNet.Rpc.Logging.LineLoggerFactory).</summary>
internal static partial class SchedulerLog
{
    [LoggerMessage(1, LogLevel.Information, "listening on {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(2, LogLevel.Information, "worker {Worker} registered from {Host} at {Address} with {Slots} slots")]
    public static partial void WorkerRegistered(ILogger logger, string worker, string host, string address, int slots);

    [LoggerMessage(3, LogLevel.Information, "worker {Worker} on {Host} opened its control stream")]
    public static partial void WorkerConnected(ILogger logger, string worker, string host);

    [LoggerMessage(4, LogLevel.Warning, "worker {Worker} on {Host} removed: {Reason}")]
    public static partial void WorkerRemoved(ILogger logger, string worker, string host, string reason);

    [LoggerMessage(5, LogLevel.Information, "job {Job} ({Name}) submitted with {Tasks} tasks")]
    public static partial void JobSubmitted(ILogger logger, string job, string name, int tasks);

    [LoggerMessage(6, LogLevel.Information, "job {Job} computed in {Seconds} s; its {Results} results are held for the client")]
    public static partial void JobResultsReady(ILogger logger, string job, double seconds, int results);

    [LoggerMessage(7, LogLevel.Warning, "job {Job} failed: {Message}")]
    public static partial void JobFailed(ILogger logger, string job, string message);

    [LoggerMessage(8, LogLevel.Warning, "{Method} on worker {Worker} on {Host} failed: {Status}")]
    public static partial void WorkerCallFailed(ILogger logger, string worker, string host, string method, string status);

    [LoggerMessage(9, LogLevel.Critical, "the scheduler's loop failed; its state is no longer trustworthy and it stops")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Information, "stopping")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(11, LogLevel.Information, "stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(12, LogLevel.Warning, "worker {Worker}'s control stream refused: {Reason}")]
    public static partial void WorkerStreamRefused(ILogger logger, string worker, string reason);

    [LoggerMessage(13, LogLevel.Information, "job {Job} finished: the client gathered its results")]
    public static partial void JobFinished(ILogger logger, string job);
}
