using Microsoft.Extensions.Logging;

namespace FramesNet.Worker.Store;

/// <summary>The partition store's events.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(LogLevel.Information, "spilled {Partition} ({Bytes} bytes) to {File}")]
    public static partial void Spilled(ILogger logger, string partition, long bytes, string file);

    [LoggerMessage(LogLevel.Warning, "could not spill {Partition}; it stays in memory")]
    public static partial void SpillFailed(ILogger logger, string partition, Exception exception);
}
