using FramesNet.Rpc.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FramesNet.Rpc.Server;

// How a call ends: the status chosen from what happened, then written as trailers (or, when nothing was
// sent yet, as a trailers-only response in the headers).
public sealed partial class ServerCallContext
{
    /// <summary>
    /// The status for a handler that threw; unexpected exceptions are logged and answered INTERNAL naming the method
    /// and the exception's type, and with <paramref name="detailed"/> its message (handlers that know more throw an
    /// <see cref="RpcException"/>).
    /// </summary>
    internal Status StatusFor(Exception exception, ILogger logger, bool detailed)
    {
        if (DeadlinePassed)
            return new Status(StatusCode.DeadlineExceeded, "Deadline exceeded");
        if (HttpContext.RequestAborted.IsCancellationRequested)
            return new Status(StatusCode.Cancelled, "Call cancelled by the client");
        if (ServerStopping)
            return new Status(StatusCode.Unavailable, "Server is shutting down");
        switch (exception)
        {
            case RpcException rpc:
                foreach (var entry in rpc.Trailers)
                    AddTrailer(entry);
                return rpc.Status;
            case IOException io:
                // Includes BadHttpRequestException: the request itself was malformed or cut.
                RpcLog.RequestReadFailed(logger, Method, io);
                return new Status(StatusCode.Internal, $"Error reading the request: {io.Message}");
            default:
                RpcLog.HandlerFailed(logger, Method, exception);
                return new Status(StatusCode.Internal, detailed
                    ? $"Exception was thrown by handler {Method}: {exception.GetType().Name}: {exception.Message}"
                    : $"Exception was thrown by handler {Method}: {exception.GetType().Name} (its message is in the server's log)");
        }
    }

    /// <summary>Writes the status; Kestrel sends it when the request delegate returns.</summary>
    internal void Complete(Status status, ILogger logger)
    {
        if (HttpContext.RequestAborted.IsCancellationRequested)
            return;
        var response = HttpContext.Response;
        try
        {
            var code = GrpcHeaders.FormatStatus(status.Code);
            var message = status.Detail.Length == 0 ? null : PercentEncoding.Encode(status.Detail);
            if (!response.HasStarted && !_wroteMessage)
            {
                // Trailers-only: nothing was sent, so status and trailers travel in the one HEADERS frame.
                var headers = response.Headers;
                headers[GrpcHeaders.Status] = code;
                if (message is not null)
                    headers[GrpcHeaders.Message] = message;
                if (_responseTrailers is not null)
                {
                    foreach (var entry in _responseTrailers)
                        headers.Append(entry.Key, GrpcHeaders.WireValue(entry));
                }
                return;
            }
            response.AppendTrailer(GrpcHeaders.Status, code);
            if (message is not null)
                response.AppendTrailer(GrpcHeaders.Message, message);
            if (_responseTrailers is not null)
            {
                foreach (var entry in _responseTrailers)
                    response.AppendTrailer(entry.Key, GrpcHeaders.WireValue(entry));
            }
        }
        catch (InvalidOperationException e)
        {
            // The connection went away between the check above and the write.
            RpcLog.StatusNotSent(logger, Method, e);
        }
    }

    private void AddTrailer(Metadata.Entry entry)
    {
        if (entry.Bytes is { } bytes)
            ResponseTrailers.Add(entry.Key, bytes);
        else
            ResponseTrailers.Add(entry.Key, entry.Value!);
    }
}
