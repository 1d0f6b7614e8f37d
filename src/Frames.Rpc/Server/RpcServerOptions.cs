using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace FramesNet.Rpc.Server;

/// <summary>Settings of an <see cref="RpcServer"/>: where it listens, limits, security and keepalive.</summary>
public sealed class RpcServerOptions
{
    public const int DefaultMaxReceiveMessageSize = 16 * 1024 * 1024;

    /// <summary>Address to listen on; loopback unless set (use <see cref="IPAddress.Any"/> for a daemon).</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 picks a free one (read it back from <see cref="RpcServer.Port"/>).</summary>
    public int Port { get; set; }

    /// <summary>
    /// Serve TLS (HTTP/2 via ALPN) with this certificate; cleartext HTTP/2 (h2c) when null. A cleartext
    /// client of a TLS server gets FAILED_PRECONDITION saying to use https://, not a dropped connection.
    /// </summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Intermediate CA certificates sent along with <see cref="Certificate"/>.</summary>
    public X509Certificate2Collection? CertificateChain { get; set; }

    /// <summary>A TLS client that has not finished its handshake by then is disconnected.</summary>
    public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest request message accepted; a bigger one fails the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = DefaultMaxReceiveMessageSize;

    /// <summary>Largest response message a handler may send (RESOURCE_EXHAUSTED beyond); no limit when null.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>When set, every call must carry <c>authorization: Bearer &lt;token&gt;</c> or is refused with UNAUTHENTICATED.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Hooks run before every handler (the health service's excepted), after <see cref="BearerToken"/> is checked.</summary>
    public IList<IServerCallFilter> Filters { get; } = new List<IServerCallFilter>();

    /// <summary>Kestrel pings a connection idle this long, to find dead peers under long-lived streams.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection whose ping is not answered within this time is closed.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>HTTP/2 receive window per connection (Kestrel's default 1 MiB throttles bulk client streams).</summary>
    public int InitialConnectionWindowSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>HTTP/2 receive window per stream (Kestrel's default 768 KiB is smaller than one 1 MiB message).</summary>
    public int InitialStreamWindowSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>Concurrent calls per HTTP/2 connection; clients open more connections beyond it.</summary>
    public int MaxStreamsPerConnection { get; set; } = 100;

    /// <summary>How long <see cref="RpcServer.StopAsync"/> waits for running calls before aborting them.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Answer a handler's unexpected exception with its message too, not only the method and the exception's
    /// type: for servers whose callers should see why (the Frames daemons, behind their token). Off by default,
    /// as an exception's message may hold what a caller must not see.
    /// </summary>
    public bool DetailedErrors { get; set; }

    /// <summary>Where the server and the gRPC stack log (handler failures at Error); nothing is logged when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
