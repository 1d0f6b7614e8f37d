using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FramesNet.Rpc.Client;

/// <summary>Settings of a channel made by <see cref="RpcChannel.Create(Uri, RpcChannelOptions?)"/>: limits, token, keepalive, TLS validation.</summary>
public sealed class RpcChannelOptions
{
    public const int DefaultMaxReceiveMessageSize = 16 * 1024 * 1024;

    /// <summary>Largest response message accepted; a bigger one fails the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = DefaultMaxReceiveMessageSize;

    /// <summary>Largest request message sent (RESOURCE_EXHAUSTED beyond, nothing sent); no limit when null.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>When set, every call carries <c>authorization: Bearer &lt;token&gt;</c>.</summary>
    public string? BearerToken { get; set; }

    /// <summary>
    /// Sends an HTTP/2 PING after this long without frames from the server while calls are open, so a
    /// dead server under a long-lived stream is noticed (the call then fails UNAVAILABLE).
    /// <see cref="Timeout.InfiniteTimeSpan"/> switches pings off.
    /// </summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a PING may go unanswered before the connection is closed.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long opening a connection may take before calls fail UNAVAILABLE.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>HTTP/2 receive window per stream: 16 MiB (the most SocketsHttpHandler takes) keeps bulk streams fast.</summary>
    public int InitialStreamWindowSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>Validates the server's TLS certificate (e.g. to trust a self-signed one); the system's rules when null.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    /// <summary>
    /// The CA certificates to trust for an https:// server's certificate instead of the system's store (a
    /// site's own CA); the server's name is still checked against the certificate. The system's store when null.
    /// </summary>
    public X509Certificate2Collection? TrustedRoots { get; set; }
}
