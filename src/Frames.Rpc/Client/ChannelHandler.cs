using System.Net.Http.Headers;
using System.Security.Authentication;
using Grpc.Core;

namespace FramesNet.Rpc.Client;

/// <summary>
/// What a channel adds to each HTTP request: the bearer token, and a TLS handshake failure turned into a
/// message naming the server and the usual cause (a server without TLS, a certificate not trusted), which
/// the call ends with as UNAVAILABLE.
/// </summary>
internal sealed class ChannelHandler(Uri address, string? token, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly AuthenticationHeaderValue? _authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_authorization is not null)
            request.Headers.Authorization = _authorization;
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (Find<AuthenticationException>(e) is { } tls)
        {
            // An RpcException is the status the call ends with; the stack would call a handshake failure INTERNAL.
            throw new RpcException(new Status(StatusCode.Unavailable, $"TLS handshake with {address} failed: {Describe(tls)}{Hint(tls)}", e));
        }
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
