using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using FramesNet.Rpc.Daemons;
using Microsoft.Extensions.Logging;

namespace FramesNet.Worker;

/// <summary>
/// The <c>frames-worker</c> flags, read into <see cref="WorkerOptions"/>: a malformed value is a
/// <see cref="UsageException"/> (exit 2), a file or folder that cannot be used an <see cref="InputFileException"/> (exit 1).
/// </summary>
internal sealed class WorkerCommandLine
{
    private readonly Option<string> _scheduler = new("--scheduler") { Description = "the scheduler's URL, e.g. http://head:8786", Required = true };
    private readonly Option<int> _slots = new("--slots") { Description = "tasks run at once (default: cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
    private readonly Option<string?> _memoryLimit = new("--memory-limit") { Description = "bytes the partition store keeps in memory before spilling and holding tasks back: 4G, 512M, 1073741824" };
    private readonly Option<string[]> _dataRoots = new("--data-root") { Description = "a folder whose files this worker may list and read (repeatable; default: any)" };
    private readonly Option<string> _hostName = new("--host-name") { Description = "the worker's name, shown with its id everywhere it is named (default: the machine's)" };
    private readonly Option<string?> _id = new("--id") { Description = "the id to ask the scheduler for, e.g. w-3 (it gives another when taken; default: it picks)" };
    private readonly Option<int> _port = new("--port") { Description = "port of the Worker service; 0 takes a free one", DefaultValueFactory = _ => 0 };
    private readonly Option<string> _host = new("--host") { Description = "address to bind and advertise", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<string?> _tokenFile = new("--token-file") { Description = "file holding the token workers join with (the scheduler's --token-file, or its --worker-token-file)" };
    private readonly Option<string?> _tlsCert = new(TlsFiles.CertificateFlag) { Description = "serve the Worker service over TLS with this certificate (PEM): the worker advertises https://" };
    private readonly Option<string?> _tlsKey = new(TlsFiles.KeyFlag) { Description = "the private key (PEM) of --tls-cert" };
    private readonly Option<string?> _tlsCa = new(TlsFiles.CaFlag) { Description = "CA certificates (PEM bundle) to trust for the scheduler's and peers' https:// addresses (default: the system's store)" };
    private readonly Option<string> _connectTimeout = new("--connect-timeout") { Description = "how long to retry an unreachable scheduler at start: 10s, 500ms, 2m", DefaultValueFactory = _ => "10s" };
    private readonly Option<string> _reconnectTimeout = new("--reconnect-timeout") { Description = "how long to retry after losing the scheduler (a restart): 60s, 5m", DefaultValueFactory = _ => "60s" };
    private readonly Option<string?> _spillDir = new("--spill-dir") { Description = "where partitions spill past the memory limit (default: a temp folder)" };
    private readonly Option<string?> _shareDir = new("--share-dir") { Description = "tmpfs folder for handing partitions to processes on this machine as files (default: /dev/shm on Linux); 'none' streams them" };
    private readonly Option<string> _logLevel = new("--log-level") { Description = "trace, debug, info, warn or error", DefaultValueFactory = _ => "info" };

    public RootCommand Command { get; }

    public WorkerCommandLine()
    {
        _dataRoots.AllowMultipleArgumentsPerToken = false;
        Command = new RootCommand("frames-worker: runs Frames tasks and serves partitions to peers")
        {
            _scheduler, _slots, _memoryLimit, _dataRoots, _hostName, _id, _port, _host, _tokenFile, _tlsCert, _tlsKey, _tlsCa, _connectTimeout, _reconnectTimeout, _spillDir, _shareDir, _logLevel,
        };
    }

    public LogLevel LogLevel(ParseResult parse) => parse.GetValue(_logLevel)?.ToLowerInvariant() switch
    {
        "trace" => Microsoft.Extensions.Logging.LogLevel.Trace,
        "debug" => Microsoft.Extensions.Logging.LogLevel.Debug,
        "info" => Microsoft.Extensions.Logging.LogLevel.Information,
        "warn" => Microsoft.Extensions.Logging.LogLevel.Warning,
        "error" => Microsoft.Extensions.Logging.LogLevel.Error,
        var other => throw new UsageException($"--log-level must be trace, debug, info, warn or error, not '{other}'"),
    };

    public WorkerOptions Options(ParseResult parse, ILoggerFactory loggers)
    {
        var scheduler = parse.GetValue(_scheduler)!;
        if (!Uri.TryCreate(scheduler, UriKind.Absolute, out var schedulerUri) || (schedulerUri.Scheme != Uri.UriSchemeHttp && schedulerUri.Scheme != Uri.UriSchemeHttps))
            throw new UsageException($"--scheduler must be a URL like http://head:8786, not '{scheduler}'");
        long? memoryLimit = null;
        if (parse.GetValue(_memoryLimit) is { } size)
            memoryLimit = ByteSize.TryParse(size, out var bytes) ? bytes : throw new UsageException($"--memory-limit must be a size like 4G, 512M or 1073741824, not '{size}'");
        var slots = parse.GetValue(_slots);
        if (slots < 1)
            throw new UsageException($"--slots must be at least 1, not {slots}");
        var port = parse.GetValue(_port);
        if (FlagValues.PortError("--port", port) is { } portError)
            throw new UsageException(portError);
        var hostText = parse.GetValue(_host)!;
        var host = hostText == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(hostText, out var address) ? address
            : throw new UsageException($"--host must be an IP address to bind (127.0.0.1, 0.0.0.0, ::1), not '{hostText}'");
        var id = parse.GetValue(_id) is { } idText
            ? WorkerId.IsWellFormed(idText) ? new WorkerId(idText) : throw new UsageException($"--id must look like w-1, w-2, …, not '{idText}'")
            : WorkerId.None;
        TlsFiles.CheckFlags(parse.GetValue(_tlsCert), parse.GetValue(_tlsKey));
        var connectTimeout = Duration("--connect-timeout", parse.GetValue(_connectTimeout)!);
        var reconnectTimeout = Duration("--reconnect-timeout", parse.GetValue(_reconnectTimeout)!);
        var roots = (parse.GetValue(_dataRoots) ?? []).Select(Path.GetFullPath).ToArray();
        foreach (var root in roots)
        {
            if (!Directory.Exists(root))
                throw new InputFileException($"--data-root {root} is not a folder");
        }
        var tls = TlsFiles.Read(parse.GetValue(_tlsCert), parse.GetValue(_tlsKey), parse.GetValue(_tlsCa));
        return new WorkerOptions
        {
            Scheduler = schedulerUri,
            Slots = slots,
            MemoryLimit = memoryLimit,
            DataRoots = roots,
            HostName = parse.GetValue(_hostName) is { Length: > 0 } name ? name : Dns.GetHostName(),
            Id = id,
            Host = host,
            Port = port,
            Token = parse.GetValue(_tokenFile) is { } tokenFile ? CredentialFiles.ReadToken("--token-file", tokenFile) : null,
            ConnectTimeout = connectTimeout,
            ReconnectTimeout = reconnectTimeout,
            SpillDirectory = parse.GetValue(_spillDir) is { } spill ? Path.GetFullPath(spill) : null,
            ShareDirectory = ShareDirectory(parse.GetValue(_shareDir)),
            Certificate = tls.Certificate,
            CertificateChain = tls.Chain,
            TrustedRoots = tls.TrustedRoots,
            LoggerFactory = loggers,
        };
    }

    private static string? ShareDirectory(string? value)
    {
        if (value is null)
            return WorkerOptions.DefaultShareDirectory();
        if (value.Equals("none", StringComparison.OrdinalIgnoreCase))
            return null;
        var folder = Path.GetFullPath(value);
        return Directory.Exists(folder) ? folder : throw new InputFileException($"--share-dir {folder} is not a folder");
    }

    private static TimeSpan Duration(string flag, string text) =>
        FlagValues.Duration(text) ?? throw new UsageException(FlagValues.DurationError(flag, text));
}
