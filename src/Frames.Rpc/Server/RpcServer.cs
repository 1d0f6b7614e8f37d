using Grpc.AspNetCore.Server.Model;
using Grpc.Health.V1;
using Grpc.HealthCheck;
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
/// A gRPC server: Grpc.AspNetCore on a lean ASP.NET Core host (the empty builder, Kestrel core, routing and
/// gRPC, nothing else), one HTTP/2 endpoint (cleartext h2c, or TLS with a certificate), serving the services
/// of an <see cref="RpcServices"/> together with the standard <c>grpc.health.v1.Health</c> and server
/// reflection services. Serve HTTP/1 pages (a dashboard) on another port: cleartext HTTP/2 needs an
/// HTTP/2-only endpoint.
/// </summary>
public sealed class RpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyList<string> _serviceNames;
    private readonly TimeSpan _shutdownTimeout;
    private readonly Lock _stopLock = new();
    private Task? _stopped;

    private RpcServer(WebApplication app, HealthServiceImpl health, IReadOnlyList<string> serviceNames, TimeSpan shutdownTimeout, Uri address)
    {
        _app = app;
        Health = health;
        _serviceNames = serviceNames;
        _shutdownTimeout = shutdownTimeout;
        Address = address;
    }

    /// <summary>The bound address, e.g. <c>http://127.0.0.1:8786</c> (the real port when 0 was asked).</summary>
    public Uri Address { get; }

    public int Port => Address.Port;

    /// <summary>
    /// The <c>grpc.health.v1.Health</c> service: SERVING for the server ("") and each service once listening,
    /// NOT_SERVING once stopping. A daemon may set its own statuses (a worker not registered yet).
    /// </summary>
    public HealthServiceImpl Health { get; }

    /// <summary>Starts listening; returns once the port is bound.</summary>
    public static async Task<RpcServer> StartAsync(RpcServices services, RpcServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new RpcServerOptions();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var health = new HealthServiceImpl();
        var interceptor = new ServerCallInterceptor(Filters(options), options.DetailedErrors, loggerFactory.CreateLogger<RpcServer>());

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => Configure(kestrel, options));
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.Services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(Logger<>)));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        builder.Services.AddRoutingCore();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxReceiveMessageSize;
            grpc.MaxSendMessageSize = options.MaxSendMessageSize;
            grpc.EnableDetailedErrors = options.DetailedErrors;
            grpc.Interceptors.Add<ServerCallInterceptor>();
        });
        builder.Services.AddSingleton(interceptor);
        var endpoints = services.WithStandardServices(health);
        builder.Services.AddSingleton<IServiceMethodProvider<RpcEndpoint>>(new RpcEndpointMethods(endpoints));
        builder.Services.AddSingleton(new RpcEndpoint());

        var app = builder.Build();
        app.Use(StatusDetails.Middleware(options));
        app.MapGrpcService<RpcEndpoint>();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        // Kestrel names the scheme from its own TLS middleware; ours is a plain connection middleware.
        var address = new UriBuilder(bound) { Scheme = options.Certificate is null ? Uri.UriSchemeHttp : Uri.UriSchemeHttps }.Uri;
        health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
        foreach (var name in services.Names)
            health.SetStatus(name, HealthCheckResponse.Types.ServingStatus.Serving);
        RpcLog.Listening(loggerFactory.CreateLogger<RpcServer>(), address);
        return new RpcServer(app, health, services.Names, options.ShutdownTimeout, address);
    }

    /// <summary>
    /// Says NOT_SERVING, stops accepting calls and waits up to <see cref="RpcServerOptions.ShutdownTimeout"/> for
    /// running ones before aborting them. Calling it again waits for the same stop.
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
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        Health.SetStatus("", HealthCheckResponse.Types.ServingStatus.NotServing);
        foreach (var name in _serviceNames)
            Health.SetStatus(name, HealthCheckResponse.Types.ServingStatus.NotServing);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_shutdownTimeout);
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    private static IServerCallFilter[] Filters(RpcServerOptions options)
    {
        var filters = new List<IServerCallFilter>();
        if (options.BearerToken is { } token)
            filters.Add(new BearerTokenFilter(token));
        filters.AddRange(options.Filters);
        return [.. filters];
    }

    private static void Configure(KestrelServerOptions kestrel, RpcServerOptions options)
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
                listen.Use(TlsConnectionMiddleware.Create(certificate, options.CertificateChain, options.TlsHandshakeTimeout));
        });
    }
}
