using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Services;
using Microsoft.Extensions.Logging;

using Grpc.Net.Client;

namespace FramesNet.Worker.Connection;

/// <summary>
/// The worker's link to the scheduler over its lifetime: register (retrying for the connect timeout), hold
/// the control stream, and when the stream breaks — the scheduler stopped or restarted, the network split —
/// re-register (proposing the old id, keeping the store) with back-off; give up after the reconnect timeout.
/// </summary>
internal sealed class SchedulerConnection
{
    private const int DefaultHeartbeatMs = 1000;
    private static readonly TimeSpan StableStream = TimeSpan.FromSeconds(5);
    private readonly GrpcChannel _scheduler;
    private readonly Uri _schedulerAddress;
    private readonly Registrar _registrar;
    private readonly ControlStream _stream;
    private readonly IControlHandler _handler;
    private readonly Outbox _outbox;
    private readonly WorkerIdentity _identity;
    private readonly WorkerRoles? _roles;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _connectTimeout;
    private readonly TimeSpan _reconnectTimeout;
    private TimeSpan _heartbeat;

    public SchedulerConnection(GrpcChannel scheduler, Uri schedulerAddress, RegisterWorkerRequest registration, WorkerIdentity identity, WorkerRoles? roles, Outbox outbox, IControlHandler handler,
        TimeSpan connectTimeout, TimeSpan reconnectTimeout, TimeProvider time, ILogger logger)
    {
        _scheduler = scheduler;
        _connectTimeout = connectTimeout;
        _reconnectTimeout = reconnectTimeout;
        _schedulerAddress = schedulerAddress;
        _registrar = new Registrar(scheduler, schedulerAddress, registration, time, logger);
        _stream = new ControlStream(scheduler, outbox, handler, identity.HostName, time, logger);
        _handler = handler;
        _outbox = outbox;
        _identity = identity;
        _roles = roles;
        _time = time;
        _logger = logger;
    }

    /// <summary>Registers; throws <see cref="SchedulerUnreachableException"/> when the scheduler cannot be reached in time.</summary>
    public Task RegisterAsync(CancellationToken cancellationToken) => RegisterAsync(_connectTimeout, cancellationToken);

    private async Task RegisterAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reply = await _registrar.RegisterAsync(_identity.Id, timeout, cancellationToken);
        _identity.Id = new WorkerId(reply.WorkerId);
        _roles?.ClientTokenIs(reply.ClientTokenSha256.Span);
        _outbox.AwaitAcknowledgements = reply.AcknowledgesStarted;
        _heartbeat = TimeSpan.FromMilliseconds(reply.HeartbeatIntervalMs > 0 ? reply.HeartbeatIntervalMs : DefaultHeartbeatMs);
        ConnectionLog.Registered(_logger, reply.WorkerId, _identity.HostName, _schedulerAddress, _identity.Address!, (long)_heartbeat.TotalMilliseconds);
    }

    /// <summary>Holds the control stream until the scheduler says shutdown, the worker stops, or the scheduler is lost for good.</summary>
    public async Task<WorkerExit> RunAsync(TaskCompletionSource helloSent, CancellationToken stopping)
    {
        // A stream that keeps breaking right after it opens must not turn into a busy loop of registrations.
        var backoff = Backoff.Default();
        while (true)
        {
            var opened = _time.GetTimestamp();
            var end = await _stream.RunAsync(_identity.Id, _heartbeat, helloSent, stopping);
            switch (end)
            {
                case SessionEnd.Shutdown shutdown:
                    ConnectionLog.ShutdownRequested(_logger, shutdown.Reason);
                    return new WorkerExit(WorkerExit.Ok, $"the scheduler asked this worker to shut down: {shutdown.Reason}");
                case SessionEnd.Stopped:
                    return new WorkerExit(WorkerExit.Ok, "stopped");
            }
            if (stopping.IsCancellationRequested)
                return new WorkerExit(WorkerExit.Ok, "stopped");
            if (end is SessionEnd.Released released)
                ConnectionLog.SchedulerStopping(_logger, released.Reason);
            else
                ConnectionLog.StreamBroken(_logger, ((SessionEnd.Broken)end).Reason);
            _handler.Disconnected();
            if (_time.GetElapsedTime(opened) > StableStream)
                backoff = Backoff.Default();
            try
            {
                await Task.Delay(backoff.Next(), _time, stopping);
                await RegisterAsync(_reconnectTimeout, stopping);
            }
            catch (SchedulerUnreachableException e)
            {
                ConnectionLog.GaveUp(_logger, e.Message);
                return new WorkerExit(WorkerExit.SchedulerLost, $"lost the scheduler: {e.Message}");
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return new WorkerExit(WorkerExit.Ok, "stopped");
            }
        }
    }
}
