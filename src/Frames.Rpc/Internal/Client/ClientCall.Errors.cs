using System.Net;

namespace FramesNet.Rpc.Internal.Client;

// Local failures as gRPC statuses: cancellation, deadline, HTTP/2 resets and transport errors.
internal sealed partial class ClientCall<TRequest, TResponse>
{
    private RpcException Translate(Exception exception)
    {
        if (exception is OperationCanceledException || _cancellation.IsCancellationRequested)
        {
            if (_options.CancellationToken.IsCancellationRequested)
                return new RpcException(new Status(StatusCode.Cancelled, "Call cancelled by the client"), null, exception);
            if (Volatile.Read(ref _disposed) != 0)
                return new RpcException(new Status(StatusCode.Cancelled, "Call disposed before it finished"), null, exception);
            if (_cancellation.IsCancellationRequested && HasDeadline)
                return new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded"), null, exception);
            if (exception is OperationCanceledException)
                return new RpcException(new Status(StatusCode.Cancelled, "Call cancelled by the client"), null, exception);
        }
        if (Find<HttpProtocolException>(exception) is { } reset)
            return new RpcException(new Status(FromHttp2Error(reset.ErrorCode), $"HTTP/2 error from {_channel.Address}: {reset.Message}"), null, exception);
        if (Find<System.Security.Authentication.AuthenticationException>(exception) is { } tls)
            return new RpcException(new Status(StatusCode.Unavailable, $"TLS handshake with {_channel.Address} failed: {Describe(tls)}{TlsHint(tls)}"), null, exception);
        if (exception is HttpRequestException or IOException)
            return new RpcException(new Status(StatusCode.Unavailable, $"Error talking to {_channel.Address}: {Describe(exception)}"), null, exception);
        return new RpcException(new Status(StatusCode.Internal, $"Unexpected client error: {Describe(exception)}"), null, exception);
    }

    /// <summary>The gRPC code for an HTTP status of a non-gRPC answer (gRPC's http-grpc-status-mapping).</summary>
    private static StatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>
    /// The gRPC code for an HTTP/2 error code (PROTOCOL-HTTP2.md's table for the codes with a meaning
    /// of their own). SocketsHttpHandler reports a dead connection (unanswered keepalive ping, GOAWAY,
    /// broken framing) with the same exception and codes 0–2 as a stream reset; those are UNAVAILABLE
    /// here rather than the table's INTERNAL, because a lost peer is by far their most common cause
    /// and callers must be able to retry it elsewhere.
    /// </summary>
    private static StatusCode FromHttp2Error(long code) => code switch
    {
        0x7 => StatusCode.Unavailable,        // REFUSED_STREAM: not processed, may be retried
        0x8 => StatusCode.Cancelled,          // CANCEL
        0xb => StatusCode.ResourceExhausted,  // ENHANCE_YOUR_CALM
        0xc => StatusCode.PermissionDenied,   // INADEQUATE_SECURITY
        <= 0x2 => StatusCode.Unavailable,     // NO_ERROR, PROTOCOL_ERROR, INTERNAL_ERROR: see above
        _ => StatusCode.Internal,
    };

    /// <summary>What to do about the two usual handshake failures: a server without TLS, a certificate not trusted.</summary>
    private static string TlsHint(Exception tls)
    {
        var text = Describe(tls);
        if (text.Contains("certificate", StringComparison.OrdinalIgnoreCase))
            return " (trust the CA that signed the server's certificate, e.g. --tls-ca, and connect by a name the certificate holds)";
        if (text.Contains("frame", StringComparison.OrdinalIgnoreCase) || text.Contains("EOF", StringComparison.Ordinal))
            return " (is the server serving TLS? one started without --tls-cert takes http://)";
        return "";
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
                return found;
        }
        return null;
    }

    /// <summary>The message of the exception and its causes, most specific last.</summary>
    private static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (parts.Count == 0 || parts[^1] != e.Message)
                parts.Add(e.Message);
        }
        return string.Join(" -> ", parts);
    }
}
