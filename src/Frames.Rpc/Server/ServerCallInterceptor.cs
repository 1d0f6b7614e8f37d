using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace FramesNet.Rpc.Server;

/// <summary>
/// Runs before and around every handler: refuses every call of a cleartext client that reached a TLS endpoint
/// (FAILED_PRECONDITION saying to use https://), runs the <see cref="IServerCallFilter"/>s (tokens; the health
/// service is open, so probes need no token), and answers a handler's unexpected exception INTERNAL naming the
/// method and the exception's type (and with detailed errors its message) — where the stack alone would say
/// UNKNOWN without the method.
/// </summary>
internal sealed class ServerCallInterceptor(IServerCallFilter[] filters, bool detailedErrors, ILogger logger) : Interceptor
{
    private const string HealthService = "/grpc.health.v1.Health/";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AdmitAsync(context).ConfigureAwait(false);
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnexpected(e, context))
        {
            throw Internal(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AdmitAsync(context).ConfigureAwait(false);
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnexpected(e, context))
        {
            throw Internal(e, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AdmitAsync(context).ConfigureAwait(false);
        try
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnexpected(e, context))
        {
            throw Internal(e, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AdmitAsync(context).ConfigureAwait(false);
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnexpected(e, context))
        {
            throw Internal(e, context);
        }
    }

    private async ValueTask AdmitAsync(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (http.Features.Get<CleartextOnTlsEndpoint>() is not null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"this server accepts only TLS: connect with https://{http.Request.Host} (and trust its certificate's CA), not http://"));
        }
        if (context.Method.StartsWith(HealthService, StringComparison.Ordinal))
            return;
        foreach (var filter in filters)
            await filter.OnCallAsync(context).ConfigureAwait(false);
    }

    /// <summary>A failure of the handler itself: not a status it chose, nor the end of a call cancelled or past its deadline.</summary>
    private static bool IsUnexpected(Exception exception, ServerCallContext context) =>
        exception is not RpcException && !context.CancellationToken.IsCancellationRequested;

    private RpcException Internal(Exception exception, ServerCallContext context)
    {
        RpcLog.HandlerFailed(logger, context.Method, exception);
        return new RpcException(new Status(StatusCode.Internal, detailedErrors
            ? $"Exception was thrown by handler {context.Method}: {exception.GetType().Name}: {exception.Message}"
            : $"Exception was thrown by handler {context.Method}: {exception.GetType().Name} (its message is in the server's log)", exception));
    }
}
