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
    private readonly Option<string?> _tokenFile = new("--token-file") { Description = "file holding the cluster's bearer token, for workers and clients alike; every call must carry it" };
    private readonly Option<string?> _workerTokenFile = new("--worker-token-file") { Description = "file holding the token workers join with (instead of --token-file's); it cannot submit jobs" };
    private readonly Option<string?> _clientTokenFile = new("--client-token-file") { Description = "file holding the token clients use (instead of --token-file's); it cannot join as a worker" };
    private readonly Option<string?> _tlsCert = new(TlsFiles.CertificateFlag) { Description = "serve TLS with this certificate (PEM; intermediate CAs may follow it): the scheduler's URL becomes https://" };
    private readonly Option<string?> _tlsKey = new(TlsFiles.KeyFlag) { Description = "the private key (PEM) of --tls-cert" };
    private readonly Option<string?> _tlsCa = new(TlsFiles.CaFlag) { Description = "CA certificates (PEM bundle) to trust for workers' https:// addresses (default: the system's store)" };
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
            _port, _host, _tokenFile, _workerTokenFile, _clientTokenFile, _tlsCert, _tlsKey, _tlsCa, _heartbeat, _missed, _noWorkersTimeout, _shutdownWorkers,
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
        var shared = parse.GetValue(_tokenFile) is not null;
        if (!shared && (parse.GetValue(_workerTokenFile) is null) != (parse.GetValue(_clientTokenFile) is null))
        {
            throw new UsageException(parse.GetValue(_workerTokenFile) is null
                ? "--client-token-file needs --worker-token-file (or --token-file): else anyone could join as a worker"
                : "--worker-token-file needs --client-token-file (or --token-file): else anyone could submit jobs");
        }
        TlsFiles.CheckFlags(parse.GetValue(_tlsCert), parse.GetValue(_tlsKey));
        var hostText = parse.GetValue(_host)!;
        var host = ParseHost(hostText) ?? throw new UsageException($"--host '{hostText}' is not an IP address or a name of this machine");
        var tls = TlsFiles.Read(parse.GetValue(_tlsCert), parse.GetValue(_tlsKey), parse.GetValue(_tlsCa));
        return new SchedulerOptions
        {
            Certificate = tls.Certificate,
            CertificateChain = tls.Chain,
            TrustedRoots = tls.TrustedRoots,
            Host = host,
            Port = port,
            Token = Token(parse, _tokenFile),
            WorkerToken = Token(parse, _workerTokenFile),
            ClientToken = Token(parse, _clientTokenFile),
            HeartbeatInterval = TimeSpan.FromMilliseconds(heartbeatMs),
            MissedHeartbeats = missed,
            NoWorkersTimeout = noWorkersTimeout,
            ShutdownWorkersOnStop = parse.GetValue(_shutdownWorkers),
            LoggerFactory = loggers,
        };
    }

    private static string? Token(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } file ? CredentialFiles.ReadToken(option.Name, file) : null;

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
