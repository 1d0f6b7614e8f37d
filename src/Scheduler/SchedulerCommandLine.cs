using System.CommandLine;
using System.Net;
using FramesNet.Rpc.Daemons;
using FramesNet.Scheduler.Hosting;
using Microsoft.Extensions.Logging;

namespace FramesNet.Scheduler;

/// <summary>
/// The <c>frames-scheduler</c> flags, read into <see cref="SchedulerOptions"/>: a malformed value is a
/// <see cref="UsageException"/> (exit 2), a file that cannot be used an <see cref="InputFileException"/> (exit 1).
/// </summary>
internal sealed class SchedulerCommandLine
{
    private readonly Option<int> _port = new("--port") { Description = "gRPC port to listen on (0 takes a free one and logs it)", DefaultValueFactory = _ => 8786 };
    private readonly Option<string> _host = new("--host") { Description = "address to bind (0.0.0.0 for every interface)", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<string?> _tokenFile = new("--token-file") { Description = "file holding the cluster's bearer token; every call must carry it" };
    private readonly Option<int> _heartbeat = new("--heartbeat-ms") { Description = "how often workers send heartbeats, in milliseconds", DefaultValueFactory = _ => 1000 };
    private readonly Option<int> _missed = new("--missed-heartbeats") { Description = "a worker silent this many heartbeats is removed", DefaultValueFactory = _ => 3 };
    private readonly Option<bool> _shutdownWorkers = new("--shutdown-workers-on-exit")
    {
        Description = "on SIGTERM or Ctrl+C, tell connected workers to shut down too (by default they keep running and register again with the restarted scheduler)",
    };
    private readonly Option<string> _noWorkersTimeout = new("--no-workers-timeout")
    {
        Description = "a running job fails when no worker has been connected for this long: 30s, 2m, 1h, or 'never'",
        DefaultValueFactory = _ => "30s",
    };

    public SchedulerCommandLine()
    {
        Command = new RootCommand("frames-scheduler: places Frames task graphs on frames-worker daemons")
        {
            _port, _host, _tokenFile, _heartbeat, _missed, _noWorkersTimeout, _shutdownWorkers,
        };
    }

    public RootCommand Command { get; }

    public SchedulerOptions Options(ParseResult parse, ILoggerFactory loggers)
    {
        var port = parse.GetValue(_port);
        if (FlagValues.PortError("--port", port) is { } portError)
            throw new UsageException(portError);
        var heartbeatMs = parse.GetValue(_heartbeat);
        if (heartbeatMs < 10)
            throw new UsageException($"--heartbeat-ms must be at least 10, not {heartbeatMs}");
        var missed = parse.GetValue(_missed);
        if (missed < 1)
            throw new UsageException($"--missed-heartbeats must be at least 1, not {missed}");
        var noWorkers = parse.GetValue(_noWorkersTimeout)!;
        var noWorkersTimeout = noWorkers.Equals("never", StringComparison.OrdinalIgnoreCase) ? Timeout.InfiniteTimeSpan
            : FlagValues.Duration(noWorkers) ?? throw new UsageException(FlagValues.DurationError("--no-workers-timeout", noWorkers) + " or 'never'");
        var hostText = parse.GetValue(_host)!;
        var host = ParseHost(hostText) ?? throw new UsageException($"--host '{hostText}' is not an IP address or a name of this machine");
        return new SchedulerOptions
        {
            Host = host,
            Port = port,
            Token = parse.GetValue(_tokenFile) is { } tokenFile ? CredentialFiles.ReadToken("--token-file", tokenFile) : null,
            HeartbeatInterval = TimeSpan.FromMilliseconds(heartbeatMs),
            MissedHeartbeats = missed,
            NoWorkersTimeout = noWorkersTimeout,
            ShutdownWorkersOnStop = parse.GetValue(_shutdownWorkers),
            LoggerFactory = loggers,
        };
    }

    private static IPAddress? ParseHost(string host)
    {
        if (IPAddress.TryParse(host, out var address))
            return address;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return IPAddress.Loopback;
        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault();
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null;
        }
    }
}
