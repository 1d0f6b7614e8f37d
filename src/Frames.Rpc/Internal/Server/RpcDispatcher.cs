using System.Collections.Frozen;
using FramesNet.Rpc.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace FramesNet.Rpc.Internal.Server;

/// <summary>
/// The terminal request delegate: checks the request is gRPC, finds the method by path, sets up the call
/// (deadline, limits, filters), runs its handler and writes the status.
/// </summary>
internal sealed class RpcDispatcher(
    FrozenDictionary<string, ServerCallHandler> handlers,
    IServerCallFilter[] filters,
    RpcServerOptions options,
    ILogger logger,
    CancellationToken serverStopping)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var response = http.Response;
        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        if (!GrpcHeaders.IsGrpcContentType(request.ContentType))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            response.Headers.Upgrade = "HTTP/2";
            return;
        }
        DisableWholeBodyLimits(http);
        response.ContentType = GrpcHeaders.ContentType;

        var path = request.Path.Value ?? "";
        handlers.TryGetValue(path, out var handler);
        var call = new ServerCallContext(http, path, ReadTimeout(request, path), serverStopping,
            options.MaxReceiveMessageSize, options.MaxSendMessageSize);
        try
        {
            call.Complete(await RunAsync(call, handler, path).ConfigureAwait(false), logger);
        }
        finally
        {
            call.Release();
        }
    }

    /// <summary>Runs the call up to its status: the handler's, or the one its failure maps to.</summary>
    private async Task<Status> RunAsync(ServerCallContext call, ServerCallHandler? handler, string path)
    {
        try
        {
            if (call.HttpContext.Features.Get<CleartextOnTlsEndpoint>() is not null)
            {
                throw new RpcException(StatusCode.FailedPrecondition,
                    $"this server accepts only TLS: connect with https://{call.HttpContext.Request.Host} (and trust its certificate's CA), not http://");
            }
            if (handler is null)
                throw new RpcException(StatusCode.Unimplemented, $"Method not found: {path}");
            if (MessageCodec.CheckEncoding(call.RequestEncoding) is { } unsupported)
            {
                call.HttpContext.Response.Headers[GrpcHeaders.AcceptEncoding] = GrpcHeaders.SupportedEncodings;
                throw new RpcException(StatusCode.Unimplemented, unsupported);
            }
            foreach (var filter in filters)
                await filter.OnCallAsync(call).ConfigureAwait(false);
            await handler.HandleAsync(call).ConfigureAwait(false);
            return call.DeadlinePassed ? new Status(StatusCode.DeadlineExceeded, "Deadline exceeded") : call.Status;
        }
        catch (Exception e)
        {
            var status = call.StatusFor(e, logger, options.DetailedErrors);
            if (!call.HttpContext.Response.HasStarted)
                RpcLog.CallRefused(logger, path, status);
            return status;
        }
    }

    private TimeSpan? ReadTimeout(HttpRequest request, string path)
    {
        var values = request.Headers[GrpcHeaders.Timeout];
        if (values.Count == 0 || values[0] is not { } text)
            return null;
        if (GrpcTimeout.TryParse(text, out var timeout))
            return timeout;
        RpcLog.BadTimeout(logger, path, text);
        return null;
    }

    /// <summary>
    /// Kestrel's whole-request limits (30 MB per body, minimum data rates) would kill long streams and idle
    /// bidi calls; the per-message limit replaces them.
    /// </summary>
    private static void DisableWholeBodyLimits(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxSize)
            maxSize.MaxRequestBodySize = null;
        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRequestRate)
            minRequestRate.MinDataRate = null;
        if (http.Features.Get<IHttpMinResponseDataRateFeature>() is { } minResponseRate)
            minResponseRate.MinDataRate = null;
    }
}
