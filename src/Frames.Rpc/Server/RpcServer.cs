using FramesNet.Rpc.Internal;
using FramesNet.Rpc.Internal.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FramesNet.Rpc.Server;

/// <summary>
/// A gRPC server on Kestrel: one HTTP/2 endpoint (cleartext h2c, or TLS with a certificate) answering
/// the methods of an <see cref="RpcServices"/>. Serve HTTP/1 pages (a dashboard) on another port:
/// cleartext HTTP/2 needs an HTTP/2-only endpoint.
/// </summary>
/// <remarks>
/// Kestrel runs bare — no generic host, DI container or middleware pipeline — because a daemon's time to
/// ready is mostly the runtime loading types, and the hosting layer was a third of them (docs/rpc.md).
/// </remarks>
public sealed class RpcServer : IAsyncDisposable
{
    private readonly KestrelServer _kestrel;
    private readonly CancellationTokenSource _stopping;
    private readonly TimeSpan _shutdownTimeout;
    private readonly Lock _stopLock = new();
    private Task? _stopped;

    private RpcServer(KestrelServer kestrel, CancellationTokenSource stopping, TimeSpan shutdownTimeout, Uri address)
    {
        _kestrel = kestrel;
        _stopping = stopping;
        _shutdownTimeout = shutdownTimeout;
        Address = address;
    }

    /// <summary>The bound address, e.g. <c>http://127.0.0.1:8786</c> (the real port when 0 was asked).</summary>
    public Uri Address { get; }

    public int Port => Address.Port;

    /// <summary>Starts listening; returns once the port is bound.</summary>
    public static async Task<RpcServer> StartAsync(RpcServices services, RpcServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new RpcServerOptions();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<RpcServer>();

        var filters = new List<IServerCallFilter>();
        if (options.BearerToken is { } token)
            filters.Add(new BearerTokenFilter(token));
        filters.AddRange(options.Filters);
        var stopping = new CancellationTokenSource();
        var dispatcher = new RpcDispatcher(services.Freeze(), filters.ToArray(), options, logger, stopping.Token);

        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggerFactory);
        var kestrel = new KestrelServer(Options.Create(KestrelOptions(options)), transport, loggerFactory);
        try
        {
            await kestrel.StartAsync(new RpcHttpApplication(dispatcher), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            kestrel.Dispose();
            stopping.Dispose();
            throw;
        }
        var bound = new Uri(kestrel.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        // Kestrel names the scheme from its own TLS middleware; ours is added as a plain connection middleware.
        var address = new UriBuilder(bound) { Scheme = options.Certificate is null ? Uri.UriSchemeHttp : Uri.UriSchemeHttps }.Uri;
        RpcLog.Listening(logger, address);
        return new RpcServer(kestrel, stopping, options.ShutdownTimeout, address);
    }

    /// <summary>
    /// Stops accepting calls, cancels running ones (they end UNAVAILABLE) and waits up to
    /// <see cref="RpcServerOptions.ShutdownTimeout"/> for them to finish. Calling it again waits for the same stop.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_stopLock)
            _stopped ??= StopCoreAsync(cancellationToken);
        return _stopped;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _kestrel.Dispose();
        _stopping.Dispose();
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        // Kestrel closes idle connections, lets running requests finish until the token fires, then aborts them.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_shutdownTimeout);
        await _kestrel.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    private static KestrelServerOptions KestrelOptions(RpcServerOptions options)
    {
        var kestrel = new KestrelServerOptions { AddServerHeader = false };
        var http2 = kestrel.Limits.Http2;
        http2.KeepAlivePingDelay = options.KeepAlivePingDelay;
        http2.KeepAlivePingTimeout = options.KeepAlivePingTimeout;
        http2.InitialConnectionWindowSize = options.InitialConnectionWindowSize;
        http2.InitialStreamWindowSize = options.InitialStreamWindowSize;
        http2.MaxStreamsPerConnection = options.MaxStreamsPerConnection;
        kestrel.Listen(options.Address, options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (options.Certificate is { } certificate)
                listen.Use(TlsConnectionMiddleware.Create(certificate, options.CertificateChain, options.TlsHandshakeTimeout));
        });
        return kestrel;
    }
}
