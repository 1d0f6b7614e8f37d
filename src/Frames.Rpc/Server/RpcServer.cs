using Grpc.AspNetCore.Server.Model;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FramesNet.Rpc.Server;

/// <summary>
/// A gRPC server: Grpc.AspNetCore on bare Kestrel — no generic host, configuration or hosting diagnostics, only
/// a service provider with gRPC, and its endpoints called by exact path (no endpoint routing) through
/// <see cref="StatusDetails"/>, as a daemon's time to listen and answer its first call is part of a local
/// cluster's start — one HTTP/2 endpoint (cleartext h2c, or TLS with a certificate), serving the services
/// of an <see cref="RpcServices"/> together with the standard <c>grpc.health.v1.Health</c> and server
/// reflection services. Serve HTTP/1 pages (a dashboard) on another port: cleartext HTTP/2 needs an
/// HTTP/2-only endpoint.
/// </summary>
public sealed class RpcServer : IAsyncDisposable
{
    private readonly KestrelServer _kestrel;
    private readonly ServiceProvider _provider;
    private readonly IReadOnlyList<string> _serviceNames;
    private readonly TimeSpan _shutdownTimeout;
    private readonly Lock _stopLock = new();
    private Task? _stopped;

    private RpcServer(KestrelServer kestrel, ServiceProvider provider, HealthServiceImpl health, IReadOnlyList<string> serviceNames, TimeSpan shutdownTimeout,
        Uri address)
    {
        _kestrel = kestrel;
        _provider = provider;
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
        var provider = Services(services, options, loggerFactory, health);
        var pipeline = Pipeline(provider, options);
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggerFactory);
        var kestrel = new KestrelServer(Options.Create(KestrelOptions(options, provider)), transport, loggerFactory);
        try
        {
            await kestrel.StartAsync(new PipelineApplication(pipeline, provider), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            kestrel.Dispose();
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var bound = new Uri(kestrel.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        // Kestrel names the scheme from its own TLS middleware; ours is a plain connection middleware.
        var address = new UriBuilder(bound) { Scheme = options.Certificate is null ? Uri.UriSchemeHttp : Uri.UriSchemeHttps }.Uri;
        health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
        foreach (var name in services.Names)
            health.SetStatus(name, HealthCheckResponse.Types.ServingStatus.Serving);
        RpcLog.Listening(loggerFactory.CreateLogger<RpcServer>(), address);
        return new RpcServer(kestrel, provider, health, services.Names, options.ShutdownTimeout, address);
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
        _kestrel.Dispose();
        await _provider.DisposeAsync().ConfigureAwait(false);
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        Health.SetStatus("", HealthCheckResponse.Types.ServingStatus.NotServing);
        foreach (var name in _serviceNames)
            Health.SetStatus(name, HealthCheckResponse.Types.ServingStatus.NotServing);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_shutdownTimeout);
        // Kestrel closes idle connections, lets running calls finish until the token fires, then aborts them.
        await _kestrel.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    /// <summary>What Grpc.AspNetCore and endpoint routing need, and nothing of a generic host (configuration, hosted services, hosting diagnostics).</summary>
    private static ServiceProvider Services(RpcServices services, RpcServerOptions options, ILoggerFactory loggerFactory, HealthServiceImpl health)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton(loggerFactory);
        collection.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        collection.AddRoutingCore();
        collection.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxReceiveMessageSize;
            grpc.MaxSendMessageSize = options.MaxSendMessageSize;
            grpc.EnableDetailedErrors = options.DetailedErrors;
            grpc.Interceptors.Add<ServerCallInterceptor>();
        });
        collection.AddSingleton(new ServerCallInterceptor(Filters(options), options.DetailedErrors, loggerFactory.CreateLogger<RpcServer>()));
        collection.AddSingleton<IServiceMethodProvider<RpcEndpoint>>(new RpcEndpointMethods(services.WithStandardServices(health)));
        collection.AddSingleton(new RpcEndpoint());
        return collection.BuildServiceProvider();
    }

    /// <summary>
    /// The gRPC endpoints Grpc.AspNetCore makes for the services, called by exact path (<see cref="MethodTable"/>)
    /// with the status details the stack leaves out: no endpoint routing, whose matcher is built at the first call.
    /// </summary>
    private static RequestDelegate Pipeline(IServiceProvider provider, RpcServerOptions options)
    {
        var endpoints = new MethodTable.Collector(provider);
        endpoints.MapGrpcService<RpcEndpoint>();
        var table = new MethodTable(endpoints.DataSources.SelectMany(d => d.Endpoints));
        var details = StatusDetails.Middleware(options);
        return context => details(context, table.Dispatch);
    }

    private static IServerCallFilter[] Filters(RpcServerOptions options)
    {
        var filters = new List<IServerCallFilter>();
        if (options.BearerToken is { } token)
            filters.Add(new BearerTokenFilter(token));
        filters.AddRange(options.Filters);
        return [.. filters];
    }

    private static KestrelServerOptions KestrelOptions(RpcServerOptions options, IServiceProvider provider)
    {
        var kestrel = new KestrelServerOptions { AddServerHeader = false, ApplicationServices = provider };
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

    /// <summary>Kestrel's application: a plain <see cref="DefaultHttpContext"/> per request, run through the pipeline.</summary>
    private sealed class PipelineApplication(RequestDelegate pipeline, IServiceProvider services) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures) { RequestServices = services };

        public Task ProcessRequestAsync(HttpContext context) => pipeline(context);

        public void DisposeContext(HttpContext context, Exception? exception)
        {
        }
    }
}
