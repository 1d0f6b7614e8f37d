using Microsoft.Extensions.Logging;

namespace FramesNet.Rpc.Internal;

/// <summary>The layer's log messages, source-generated.</summary>
internal static partial class RpcLog
{
    [LoggerMessage(1, LogLevel.Error, "gRPC handler for {Method} failed; the client got INTERNAL")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "gRPC call {Method}: the request could not be read")]
    public static partial void RequestReadFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(3, LogLevel.Debug, "gRPC call {Method}: the status could not be sent")]
    public static partial void StatusNotSent(ILogger logger, string method, Exception exception);

    [LoggerMessage(4, LogLevel.Debug, "gRPC call {Method} refused: {Status}")]
    public static partial void CallRefused(ILogger logger, string method, Status status);

    [LoggerMessage(5, LogLevel.Information, "gRPC server listening on {Address}")]
    public static partial void Listening(ILogger logger, Uri address);

    [LoggerMessage(6, LogLevel.Debug, "gRPC call {Method}: ignoring malformed grpc-timeout '{Value}'")]
    public static partial void BadTimeout(ILogger logger, string method, string value);
}
