using FramesNet.Rpc.Server;
using FramesNet.Scheduler.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FramesNet.Scheduler.Hosting;

/// <summary>
/// A running scheduler: the Scheduler gRPC service on <see cref="Address"/>, its event loop and its clock.
/// The <c>frames-scheduler</c> daemon is a thin shell over this; tests and benchmarks run it in-process.
/// </summary>
/// <example><code>
/// await using var scheduler = await SchedulerHost.StartAsync(new SchedulerOptions { Port = 0 });
/// Console.WriteLine(scheduler.Address); // http://127.0.0.1:41234
/// </code></example>
public sealed class SchedulerHost : IAsyncDisposable
{
    private readonly RpcServer _server;
    private readonly SchedulerLoop _loop;
    private readonly ITimer _clock;
    private readonly WorkerChannels _channels;
    private readonly SchedulerOptions _options;
    private readonly ILogger _log;
    private int _stopped;

    private SchedulerHost(RpcServer server, SchedulerLoop loop, ITimer clock, WorkerChannels channels, SchedulerOptions options, ILogger log)
    {
        _server = server;
        _loop = loop;
        _clock = clock;
        _channels = channels;
        _options = options;
        _log = log;
    }

    /// <summary>Where clients and workers reach it, e.g. <c>http://127.0.0.1:8786</c> (the real port when 0 was asked).</summary>
    public Uri Address => _server.Address;

    /// <summary>Faults if the scheduler stopped on an internal error (the daemon then exits non-zero).</summary>
    public Task Completion => _loop.Completion;

    /// <summary>Binds the port and starts serving; throws <see cref="IOException"/> when the address is taken.</summary>
    public static async Task<SchedulerHost> StartAsync(SchedulerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MissedHeartbeats, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.HeartbeatInterval, TimeSpan.Zero);
        SchedulerRoles.Validate(options);
        if (options.NoWorkersTimeout <= TimeSpan.Zero && options.NoWorkersTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(options), $"NoWorkersTimeout must be positive or Timeout.InfiniteTimeSpan, not {options.NoWorkersTimeout}");
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var log = loggerFactory.CreateLogger("scheduler");
        var core = new SchedulerCore(new SchedulerSettings
        {
            DefaultMaxAttempts = options.MaxAttempts,
            HeartbeatInterval = options.HeartbeatInterval,
            MissedHeartbeats = options.MissedHeartbeats,
            NoWorkersTimeout = options.NoWorkersTimeout,
        });
        var loop = new SchedulerLoop(core, new CommandDispatcher(log), options.TimeProvider, log);
        var channels = new WorkerChannels(options.EffectiveWorkerToken, options.TrustedRoots);
        var service = new SchedulerService(loop, channels, options, log);
        loop.Start();
        RpcServer server;
        try
        {
            var serverOptions = new RpcServerOptions
            {
                Address = options.Host,
                Port = options.Port,
                Certificate = options.Certificate,
                CertificateChain = options.CertificateChain,
                MaxReceiveMessageSize = options.MaxReceiveMessageSize,
                LoggerFactory = loggerFactory,
                ShutdownTimeout = TimeSpan.FromSeconds(2),
                DetailedErrors = true,
            };
            if (SchedulerRoles.Filter(options) is { } roles)
                serverOptions.Filters.Add(roles);
            server = await RpcServer.StartAsync(service.Build(), serverOptions, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await loop.StopAsync().ConfigureAwait(false);
            channels.Dispose();
            throw;
        }
        var clock = options.TimeProvider.CreateTimer(_ => loop.Post(Tick.Instance), null, options.ProgressInterval, options.ProgressInterval);
        SchedulerLog.Listening(log, $"{server.Address.Scheme}://{server.Address.Authority}");
        return new SchedulerHost(server, loop, clock, channels, options, log);
    }

    /// <summary>What <c>GetStatus</c> answers, without the round trip (for a host that runs the scheduler in its own process).</summary>
    public async Task<Rpc.Protocol.StatusReply> GetStatusAsync()
    {
        var status = await _loop.InvokeAsync((core, now, _) => core.Status(now)).ConfigureAwait(false);
        return StatusCodec.ToProto(status);
    }

    /// <summary>
    /// Stops cleanly: workers' streams end (UNAVAILABLE: they register again with the next scheduler on this
    /// address), or workers are told to shut down when <see cref="SchedulerOptions.ShutdownWorkersOnStop"/> is on;
    /// job streams end UNAVAILABLE, the port is closed and the loop drains.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        SchedulerLog.Stopping(_log);
        await _clock.DisposeAsync().ConfigureAwait(false);
        if (!_loop.Completion.IsCompleted)
        {
            try
            {
                var drained = await _loop.InvokeAsync((_, _, dispatcher) => dispatcher.StopAll(_options.ShutdownWorkersOnStop)).ConfigureAwait(false);
                await drained.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Grpc.Core.RpcException or TimeoutException)
            {
                // The loop stopped meanwhile, or a worker's stream is stuck: the server's stop cuts them off.
            }
        }
        await _server.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _loop.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _channels.Dispose();
            SchedulerLog.Stopped(_log);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
