using System.Net;
using System.Reflection;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using FramesNet.Worker.Connection;
using FramesNet.Worker.Execution;
using FramesNet.Worker.Files;
using FramesNet.Worker.Services;
using FramesNet.Worker.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Grpc.Net.Client;

namespace FramesNet.Worker;

/// <summary>
/// A running worker: its Worker service listening, registered with the scheduler, holding the control
/// stream. The <c>frames-worker</c> executable is a thin shell around it; tests and local clusters run
/// workers in-process with it.
/// </summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private static readonly TimeSpan TaskStopGrace = TimeSpan.FromSeconds(2);
    private readonly RpcServer _server;
    private readonly GrpcChannel _scheduler;
    private readonly PeerChannels _peers;
    private readonly PartitionStore _store;
    private readonly ShareFolder? _share;
    private readonly TaskSlots _slots;
    private readonly WorkerIdentity _identity;
    private readonly CancellationTokenSource _stopping;
    private readonly ILogger _logger;
    private Task<WorkerExit> _completion = null!;

    private WorkerHost(RpcServer server, GrpcChannel scheduler, PeerChannels peers, PartitionStore store, ShareFolder? share, TaskSlots slots,
        WorkerIdentity identity, CancellationTokenSource stopping, ILogger logger)
    {
        _server = server;
        _scheduler = scheduler;
        _peers = peers;
        _store = store;
        _share = share;
        _slots = slots;
        _identity = identity;
        _stopping = stopping;
        _logger = logger;
    }

    /// <summary>The advertised URL of this worker's Worker service.</summary>
    public Uri Address => _identity.Address!;

    /// <summary>The id the scheduler gave this worker (it may change after a reconnect).</summary>
    public WorkerId WorkerId => _identity.Id;

    /// <summary>Completes when the worker has stopped: asked by the scheduler, by <see cref="StopAsync"/>, or after losing the scheduler.</summary>
    public Task<WorkerExit> Completion => _completion;

    internal PartitionStore Store => _store;

    internal TaskSlots Slots => _slots;

    /// <summary>
    /// Starts listening, registers with the scheduler (retrying for up to <see cref="WorkerOptions.ConnectTimeout"/>)
    /// and opens the control stream. Throws <see cref="SchedulerUnreachableException"/> when the scheduler cannot be reached.
    /// </summary>
    public static async Task<WorkerHost> StartAsync(WorkerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var loggers = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggers.CreateLogger("worker");
        var identity = new WorkerIdentity(options.HostName, options.Slots, options.Id);
        var roots = new DataRoots(options.DataRoots);
        var spill = options.MemoryLimit is null ? null
            : new SpillFolder(options.SpillDirectory ?? Path.Combine(Path.GetTempPath(), $"frames-worker-{Environment.ProcessId}-{Guid.NewGuid():N}"));
        var store = new PartitionStore(options.MemoryLimit, spill, loggers.CreateLogger("store"));
        var share = ShareFolder.Create(options.ShareDirectory, options.ShareReserve);
        if (share is not null)
            store.OverLimit += () => share.DropFree(); // handed-back files are memory too: they go before any partition is spilled
        var outbox = new Outbox(options.Time, options.ReportDelay, options.ReportBatch);
        var peers = new PeerChannels(options.Token, options.TrustedRoots);
        var executionLogger = loggers.CreateLogger("execution");
        var executor = new TaskExecutor(store, new PeerPartitionSource(store, peers, identity, executionLogger), roots);
        var slots = new TaskSlots(options.Slots, executor, store, outbox, executionLogger);
        var scheduler = RpcChannel.Create(options.Scheduler, new RpcChannelOptions
        {
            BearerToken = options.Token,
            TrustedRoots = options.TrustedRoots,
            ConnectTimeout = options.ConnectTimeout,
            // The control stream is long-lived: notice a scheduler that vanished without closing it.
            KeepAlivePingDelay = TimeSpan.FromSeconds(5),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
        });
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Building the Kestrel host is ~100 ms of synchronous work before StartAsync first yields: on a thread
        // of its own it overlaps with registering (below), which needs only the address.
        var roles = options.Token is { } token ? new WorkerRoles(token) : null;
        var serverOptions = new RpcServerOptions
        {
            Address = options.Host,
            Port = options.Port,
            Certificate = options.Certificate,
            CertificateChain = options.CertificateChain,
            LoggerFactory = loggers,
            ShutdownTimeout = TimeSpan.FromSeconds(2),
            DetailedErrors = true,
        };
        if (roles is not null)
            serverOptions.Filters.Add(roles.Filter());
        var serverStarting = Task.Run(() => RpcServer.StartAsync(WorkerService.Create(store, share, roots, identity, slots), serverOptions, cancellationToken),
            CancellationToken.None);
        SchedulerConnection? connection = null;
        Task? registering = null;
        RpcServer? server = null;
        try
        {
            // With a fixed port the address is known before the server listens: register meanwhile (the
            // scheduler counts the worker in only once its control stream opens, after the server is up).
            if (options.Port != 0)
            {
                var scheme = options.Certificate is null ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
                identity.Address = Advertised(new UriBuilder(scheme, options.Host.ToString(), options.Port).Uri, options);
                connection = Connection(options, identity, roots, roles, scheduler, outbox, slots, store, loggers, logger);
                registering = connection.RegisterAsync(abandon.Token);
            }
            server = await serverStarting;
            identity.Address = Advertised(server.Address, options);
            WorkerLog.Listening(logger, identity.Address, identity.HostName, options.Slots,
                options.MemoryLimit is { } limit ? limit.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none", roots.ToString());
            if (connection is null)
            {
                connection = Connection(options, identity, roots, roles, scheduler, outbox, slots, store, loggers, logger);
                registering = connection.RegisterAsync(abandon.Token);
            }
            await registering!;

            var host = new WorkerHost(server, scheduler, peers, store, share, slots, identity, new CancellationTokenSource(), logger);
            var helloSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            host._completion = host.RunAsync(connection, helloSent);
            await Task.WhenAny(helloSent.Task, host._completion);
            return host;
        }
        catch
        {
            abandon.Cancel();
            if (registering is not null)
                await Task.WhenAny(registering);
            await Task.WhenAny(serverStarting);
            server ??= serverStarting.IsCompletedSuccessfully ? serverStarting.Result : null;
            if (server is not null)
                await server.DisposeAsync();
            scheduler.Dispose();
            peers.Dispose();
            store.Dispose();
            share?.Dispose();
            throw;
        }
    }

    private static SchedulerConnection Connection(WorkerOptions options, WorkerIdentity identity, DataRoots roots, WorkerRoles? roles, GrpcChannel scheduler, Outbox outbox,
        TaskSlots slots, PartitionStore store, ILoggerFactory loggers, ILogger logger)
    {
        var registration = new RegisterWorkerRequest
        {
            HostName = identity.HostName,
            Address = identity.Address!.ToString().TrimEnd('/'),
            Slots = options.Slots,
            MemoryLimit = options.MemoryLimit ?? 0,
            DataRoots = { roots.Paths },
            Version = typeof(WorkerHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
        };
        return new SchedulerConnection(scheduler, options.Scheduler, registration, identity, roles, outbox, new WorkerControl(slots, store, logger),
            options.ConnectTimeout, options.ReconnectTimeout, options.Time, loggers.CreateLogger("connection"));
    }

    /// <summary>Stops: running tasks are cancelled, the control stream is closed, the service stops. Returns why it stopped.</summary>
    public async Task<WorkerExit> StopAsync()
    {
        _stopping.Cancel();
        return await _completion;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<WorkerExit> RunAsync(SchedulerConnection connection, TaskCompletionSource helloSent)
    {
        WorkerExit exit;
        try
        {
            exit = await connection.RunAsync(helloSent, _stopping.Token);
        }
        catch (Exception e)
        {
            exit = new WorkerExit(WorkerExit.Internal, $"internal error: {e}");
        }
        WorkerLog.Stopping(_logger, exit.Reason);
        // Tasks are cancelled; one deep in a kernel that does not look at its token is abandoned, not awaited.
        var tasksStopped = _slots.StopAsync();
        if (await Task.WhenAny(tasksStopped, Task.Delay(TaskStopGrace)) != tasksStopped)
            WorkerLog.TasksAbandoned(_logger, _slots.Running);
        await _server.DisposeAsync();
        _scheduler.Dispose();
        _peers.Dispose();
        _store.Dispose();
        _share?.Dispose();
        WorkerLog.Stopped(_logger, exit.Reason, (long)Environment.CpuUsage.TotalTime.TotalMilliseconds,
            System.Runtime.JitInfo.GetCompiledMethodCount(), (long)System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds);
        return exit;
    }

    /// <summary>The URL peers use: the bound address, or the host name when bound to every interface.</summary>
    private static Uri Advertised(Uri bound, WorkerOptions options)
    {
        if (!options.Host.Equals(IPAddress.Any) && !options.Host.Equals(IPAddress.IPv6Any))
            return bound;
        return new UriBuilder(bound) { Host = options.HostName }.Uri;
    }
}
