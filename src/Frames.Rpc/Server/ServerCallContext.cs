using System.Net.Sockets;
using FramesNet.Rpc.Internal;
using Microsoft.AspNetCore.Http;

namespace FramesNet.Rpc.Server;

/// <summary>
/// What a handler knows about its call: the method, the deadline, a token cancelled when the client
/// cancels, the deadline passes or the server stops, the request headers and the peer; and what it can
/// add to the answer: response trailers and a status.
/// </summary>
public sealed partial class ServerCallContext
{
    private readonly CancellationTokenSource _cancellation;
    private readonly CancellationToken _serverStopping;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private string? _peer;

    internal ServerCallContext(HttpContext httpContext, string method, TimeSpan? timeout, CancellationToken serverStopping, int maxReceive, int? maxSend)
    {
        HttpContext = httpContext;
        Method = method;
        _serverStopping = serverStopping;
        MaxReceiveMessageSize = maxReceive;
        MaxSendMessageSize = maxSend;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, serverStopping);
        if (timeout is { } t)
        {
            Deadline = DateTime.UtcNow + t;
            _cancellation.CancelAfter(t);
        }
        else
        {
            Deadline = DateTime.MaxValue;
        }
    }

    /// <summary>The method's path, <c>/package.Service/Method</c>.</summary>
    public string Method { get; }

    /// <summary>When the client gives up (UTC); <see cref="DateTime.MaxValue"/> without a deadline.</summary>
    public DateTime Deadline { get; }

    /// <summary>Cancelled when the client cancels or disconnects, the deadline passes, or the server stops.</summary>
    public CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>The custom request metadata (protocol headers excluded).</summary>
    public Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders();

    /// <summary>The client's address in gRPC's notation: <c>ipv4:127.0.0.1:5000</c>, <c>ipv6:[::1]:5000</c>.</summary>
    public string Peer => _peer ??= FormatPeer();

    /// <summary>Custom trailers sent with the status (also on errors).</summary>
    public Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    /// <summary>
    /// The status sent when the handler returns normally; OK by default. A non-OK status set here ends a
    /// unary or client-streaming call without its response message. Throwing <see cref="RpcException"/>
    /// does the same.
    /// </summary>
    public Status Status { get; set; } = Status.Ok;

    /// <summary>The underlying ASP.NET Core request (connection details, TLS client certificate).</summary>
    public HttpContext HttpContext { get; }

    internal int MaxReceiveMessageSize { get; }

    internal int? MaxSendMessageSize { get; }

    /// <summary>True when the call's own deadline, not the client or a shutdown, cancelled it.</summary>
    internal bool DeadlinePassed =>
        _cancellation.IsCancellationRequested && !HttpContext.RequestAborted.IsCancellationRequested && !_serverStopping.IsCancellationRequested;

    internal bool ServerStopping => _serverStopping.IsCancellationRequested;

    /// <summary>Releases the deadline timer once the call has ended.</summary>
    internal void Release()
    {
        // A handler may return while still holding a lent request frame: the body pipe gets it back.
        ReleaseLentPayload();
        _cancellation.Dispose();
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var (key, values) in HttpContext.Request.Headers)
        {
            if (GrpcHeaders.IsReserved(key))
                continue;
            foreach (var value in values)
            {
                if (value is not null)
                    metadata.AddFromWire(key.ToLowerInvariant(), value);
            }
        }
        return metadata;
    }

    private string FormatPeer()
    {
        var connection = HttpContext.Connection;
        var ip = connection.RemoteIpAddress;
        if (ip is null)
            return "unknown";
        if (ip.IsIPv4MappedToIPv6)
            ip = ip.MapToIPv4();
        return ip.AddressFamily == AddressFamily.InterNetworkV6
            ? $"ipv6:[{ip}]:{connection.RemotePort}"
            : $"ipv4:{ip}:{connection.RemotePort}";
    }
}
