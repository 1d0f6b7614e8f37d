using Microsoft.Extensions.Logging;

namespace FramesNet.Scheduler.Hosting;

/// <summary>The scheduler's log lines: an event name, then key=value pairs (values with spaces are quoted by <see cref="LogValue"/>).</summary>
internal static partial class SchedulerLog
{
    [LoggerMessage(1, LogLevel.Information, "listening address={Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(2, LogLevel.Information, "worker-registered worker={Worker} host={Host} address={Address} slots={Slots}")]
    public static partial void WorkerRegistered(ILogger logger, string worker, string host, string address, int slots);

    [LoggerMessage(3, LogLevel.Information, "worker-connected worker={Worker}")]
    public static partial void WorkerConnected(ILogger logger, string worker);

    [LoggerMessage(4, LogLevel.Warning, "worker-removed worker={Worker} reason={Reason}")]
    public static partial void WorkerRemoved(ILogger logger, string worker, string reason);

    [LoggerMessage(5, LogLevel.Information, "job-submitted job={Job} name={Name} tasks={Tasks}")]
    public static partial void JobSubmitted(ILogger logger, string job, string name, int tasks);

    [LoggerMessage(6, LogLevel.Information, "job-finished job={Job} seconds={Seconds:F3} results={Results}")]
    public static partial void JobFinished(ILogger logger, string job, double seconds, int results);

    [LoggerMessage(7, LogLevel.Warning, "job-failed job={Job} message={Message}")]
    public static partial void JobFailed(ILogger logger, string job, string message);

    [LoggerMessage(8, LogLevel.Warning, "worker-call-failed worker={Worker} method={Method} status={Status}")]
    public static partial void WorkerCallFailed(ILogger logger, string worker, string method, string status);

    [LoggerMessage(9, LogLevel.Critical, "loop-failed: the scheduler's state is no longer trustworthy and it stops")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Information, "stopping")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(11, LogLevel.Information, "stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(12, LogLevel.Warning, "worker-stream-refused worker={Worker} reason={Reason}")]
    public static partial void ConnectRefused(ILogger logger, string worker, string reason);
}
