using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace FramesNet.Rpc.Server;

/// <summary>
/// What the stack's own answers leave out: an unknown method is UNIMPLEMENTED naming its path (the stack says only
/// "Method is unimplemented."; see <see cref="MethodTable"/>), and a message over a size limit is
/// RESOURCE_EXHAUSTED naming the limit and the option that sets it (middleware around every call).
/// </summary>
internal static class StatusDetails
{
    private const string StatusHeader = "grpc-status";
    private const string MessageHeader = "grpc-message";
    private const string ResourceExhausted = "8";
    private const string StackReceived = "Received message exceeds the maximum configured message size.";
    private const string StackSending = "Sending message exceeds the maximum configured message size.";

    public static Func<HttpContext, RequestDelegate, Task> Middleware(RpcServerOptions options)
    {
        var received = $"Received message larger than max (over {options.MaxReceiveMessageSize} bytes, the server's MaxReceiveMessageSize)";
        var sending = options.MaxSendMessageSize is { } send
            ? $"Sending message larger than max (over {send} bytes, the server's MaxSendMessageSize)"
            : StackSending;
        return async (context, next) =>
        {
            await next(context).ConfigureAwait(false);
            var headers = context.Response.HasStarted
                ? context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
                : context.Response.Headers;
            if (headers is null || headers.IsReadOnly || headers[StatusHeader] != ResourceExhausted)
                return;
            var message = headers[MessageHeader];
            if (message == StackReceived)
                headers[MessageHeader] = Encode(received);
            else if (message == StackSending)
                headers[MessageHeader] = Encode(sending);
        };
    }

    /// <summary>Answers a call of a method no service has, trailers-only, UNIMPLEMENTED naming the path.</summary>
    public static Task Unimplemented(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers[StatusHeader] = ((int)Grpc.Core.StatusCode.Unimplemented).ToString(CultureInfo.InvariantCulture);
        response.Headers[MessageHeader] = Encode($"Method not found: {context.Request.Path}");
        return Task.CompletedTask;
    }

    /// <summary>A grpc-message value: UTF-8, every byte outside printable ASCII and '%' as %XX.</summary>
    private static StringValues Encode(string message)
    {
        var text = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
                text.Append((char)b);
            else
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
