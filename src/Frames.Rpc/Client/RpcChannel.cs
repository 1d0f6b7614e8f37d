using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace FramesNet.Rpc.Client;

/// <summary>
/// Makes the <see cref="GrpcChannel"/> to one server with Frames' settings: HTTP/2 over one
/// <see cref="SocketsHttpHandler"/> (more connections when one connection's streams are all busy), a 16 MiB
/// stream window for bulk streams, keepalive pings, a connect timeout, the bearer token, TLS trust, and TLS
/// handshake failures explained. Channels are thread-safe: make one per server and keep it.
/// </summary>
public static class RpcChannel
{
    public static GrpcChannel Create(string address, RpcChannelOptions? options = null) => Create(new Uri(address), options);

    public static GrpcChannel Create(Uri address, RpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"a channel address is http://host:port or https://host:port, not '{address}'", nameof(address));
        options ??= new RpcChannelOptions();
        var sockets = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            InitialHttp2StreamWindowSize = options.InitialStreamWindowSize,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (options.ServerCertificateValidation is { } validate)
            sockets.SslOptions.RemoteCertificateValidationCallback = validate;
        if (options.TrustedRoots is { Count: > 0 } roots)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(roots);
            sockets.SslOptions.CertificateChainPolicy = policy;
        }
        // An HttpClient rather than a handler: the channel then sends each call straight through it, so a
        // connection failure reaches the caller naming the server ("Connection refused (host:port)"), where
        // the channel's own subchannel balancer answers only "Error connecting to subchannel." Frames channels
        // talk to one address each, so the balancer has nothing to balance.
        var http = new HttpClient(new ChannelHandler(address, options.BearerToken, options.MaxReceiveMessageSize, options.MaxSendMessageSize, sockets)) { Timeout = Timeout.InfiniteTimeSpan };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpClient = http,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = options.MaxReceiveMessageSize,
            // The handler refuses a message over the send limit, naming its size and the limit.
            MaxSendMessageSize = null,
        });
    }
}
