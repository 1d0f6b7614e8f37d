using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using FramesNet.Rpc.Internal;
using FramesNet.Rpc.Internal.Client;
using Google.Protobuf;

namespace FramesNet.Rpc.Client;

/// <summary>
/// A client's connection to one gRPC server: one <see cref="SocketsHttpHandler"/> (HTTP/2 only, several
/// connections when more than one connection's worth of concurrent calls is open), shared by all calls.
/// Thread-safe; create one per server and keep it.
/// </summary>
public sealed class RpcChannel : IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);
    private readonly string? _authorization;

    private RpcChannel(Uri address, RpcChannelOptions options)
    {
        Address = address;
        Options = options;
        _authorization = options.BearerToken is { } token ? "Bearer " + token : null;
        var handler = new SocketsHttpHandler
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
            handler.SslOptions.RemoteCertificateValidationCallback = validate;
        if (options.TrustedRoots is { Count: > 0 } roots)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(roots);
            handler.SslOptions.CertificateChainPolicy = policy;
        }
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>The server, e.g. <c>http://head:8786</c> (h2c) or <c>https://head:8786</c> (TLS).</summary>
    public Uri Address { get; }

    internal RpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker => _invoker;

    public static RpcChannel Create(string address, RpcChannelOptions? options = null) => Create(new Uri(address), options);

    public static RpcChannel Create(Uri address, RpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"a channel address is http://host:port or https://host:port, not '{address}'", nameof(address));
        return new RpcChannel(address, options ?? new RpcChannelOptions());
    }

    /// <summary>Calls a unary method; throws <see cref="RpcException"/> on any non-OK status.</summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        CheckShape(method, MethodType.Unary);
        using var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.StartUnary(request);
        return await call.ReadSingleResponseAsync().ConfigureAwait(false);
    }

    /// <summary>Starts a server-streaming call; read its <see cref="ServerStreamingCall{TResponse}.ResponseStream"/>, then dispose it.</summary>
    public ServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        CheckShape(method, MethodType.ServerStreaming);
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.StartUnary(request);
        return new ServerStreamingCall<TResponse>(call, new ResponseStreamReader<TRequest, TResponse>(call));
    }

    /// <summary>Starts a client-streaming call: write requests, complete the stream, await the response.</summary>
    public ClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        CheckShape(method, MethodType.ClientStreaming);
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.StartStreaming();
        return new ClientStreamingCall<TRequest, TResponse>(call, new RequestStreamWriter<TRequest, TResponse>(call), call.StartSingleResponse());
    }

    /// <summary>Starts a bidirectional call: write and read independently, then dispose it.</summary>
    public DuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        CheckShape(method, MethodType.DuplexStreaming);
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.StartStreaming();
        return new DuplexStreamingCall<TRequest, TResponse>(call, new RequestStreamWriter<TRequest, TResponse>(call), new ResponseStreamReader<TRequest, TResponse>(call));
    }

    public void Dispose() => _invoker.Dispose();

    internal HttpRequestMessage CreateRequest(string path, HttpContent content, in CallOptions options)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _uris.GetOrAdd(path, static (p, address) => new Uri(address, p), Address))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation(GrpcHeaders.TE, GrpcHeaders.Trailers);
        if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
            headers.TryAddWithoutValidation(GrpcHeaders.Timeout, GrpcTimeout.Format(deadline.ToUniversalTime() - DateTime.UtcNow));
        headers.TryAddWithoutValidation("user-agent", GrpcHeaders.UserAgent);
        headers.TryAddWithoutValidation(GrpcHeaders.AcceptEncoding, GrpcHeaders.SupportedEncodings);
        if (_authorization is not null)
            headers.TryAddWithoutValidation(GrpcHeaders.Authorization, _authorization);
        if (options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
                headers.TryAddWithoutValidation(entry.Key, GrpcHeaders.WireValue(entry));
        }
        return request;
    }

    private static void CheckShape<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType shape)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != shape)
            throw new ArgumentException($"{method.FullName} is {method.Type}; call it as such, not as {shape}", nameof(method));
    }
}
