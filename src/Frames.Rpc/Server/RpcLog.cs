using Microsoft.Extensions.Logging;

namespace FramesNet.Rpc.Server;

/// <summary>The server's own log messages, source-generated.</summary>
internal static partial class RpcLog
{
    [LoggerMessage(1, LogLevel.Error, "gRPC handler for {Method} failed; the client got INTERNAL")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "gRPC server listening on {Address}")]
    public static partial void Listening(ILogger logger, Uri address);
}
