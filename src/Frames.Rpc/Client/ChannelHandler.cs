using System.Net.Http.Headers;
using System.Security.Authentication;
using Grpc.Core;

namespace FramesNet.Rpc.Client;

/// <summary>
/// What a channel adds to each HTTP request: the bearer token; a TLS handshake failure turned into a
/// message naming the server and the usual cause (a server without TLS, a certificate not trusted), which
/// the call ends with as UNAVAILABLE; message size limits that name the limit, and a connection lost to an
/// unanswered keepalive ping ending the call UNAVAILABLE (<see cref="FrameLimitStream"/>).
/// </summary>
internal sealed class ChannelHandler(Uri address, string? token, int? maxReceive, int? maxSend, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly AuthenticationHeaderValue? _authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_authorization is not null)
            request.Headers.Authorization = _authorization;
        if (maxSend is not null && request.Content is { } content)
            request.Content = new FramedContent(content, s => new FrameLimitStream(s, maxSend, "Sending", nameof(RpcChannelOptions.MaxSendMessageSize), address));
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (Find<AuthenticationException>(e) is { } tls)
        {
            // An RpcException is the status the call ends with; the stack would call a handshake failure INTERNAL.
            throw new RpcException(new Status(StatusCode.Unavailable, $"TLS handshake with {address} failed: {Describe(tls)}{Hint(tls)}", e));
        }
        catch (Exception e) when (Find<RpcException>(e.InnerException) is { } refused)
        {
            // The request's framing refused a message over the send limit (FramedContent); that is the call's status.
            throw refused;
        }
        catch (Exception e) when (FrameLimitStream.KeepAliveFailure(e) is { } lost)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"lost the connection to {address}: {lost.Message}", e));
        }
        response.Content = new FramedContent(response.Content,
            s => new FrameLimitStream(s, maxReceive, "Received", nameof(RpcChannelOptions.MaxReceiveMessageSize), address));
        return response;
    }

    /// <summary>What to do about the two usual handshake failures: a server without TLS, a certificate not trusted.</summary>
    private static string Hint(Exception tls)
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
