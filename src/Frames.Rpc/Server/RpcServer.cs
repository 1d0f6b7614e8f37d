using FramesNet.Rpc.Internal;
using FramesNet.Rpc.Internal.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FramesNet.Rpc.Server;

/// <summary>
/// A gRPC server on Kestrel: one HTTP/2 endpoint (cleartext h2c, or TLS with a certificate) answering
/// the methods of an <see cref="RpcServices"/>. Serve HTTP/1 pages (a dashboard) on another port:
/// cleartext HTTP/2 needs an HTTP/2-only endpoint.
/// </summary>
public sealed class RpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RpcServer(WebApplication app, Uri address)
    {
        _app = app;
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

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(RpcServer).Assembly.GetName().Name });
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, HostedLifetime>());
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => ConfigureKestrel(kestrel, options));
        var app = builder.Build();

        var filters = new List<IServerCallFilter>();
        if (options.BearerToken is { } token)
            filters.Add(new BearerTokenFilter(token));
        filters.AddRange(options.Filters);
        var logger = loggerFactory.CreateLogger<RpcServer>();
        var dispatcher = new RpcDispatcher(services.Freeze(), filters.ToArray(), options, logger, app.Lifetime.ApplicationStopping);
        app.Run(dispatcher.InvokeAsync);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var address = new Uri(bound);
        RpcLog.Listening(logger, address);
        return new RpcServer(app, address);
    }

    /// <summary>
    /// Stops accepting calls, cancels running ones (they end UNAVAILABLE) and waits up to
    /// <see cref="RpcServerOptions.ShutdownTimeout"/> for them to finish.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel, RpcServerOptions options)
    {
        kestrel.AddServerHeader = false;
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
                listen.UseHttps(certificate);
        });
    }
}
