using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace FramesNet.Worker;

/// <summary>The <c>frames-worker</c> flags, parsed into <see cref="WorkerOptions"/>; a bad flag is a <see cref="UsageException"/>.</summary>
internal sealed class WorkerCommandLine
{
    private readonly Option<string> _scheduler = new("--scheduler") { Description = "the scheduler's URL, e.g. http://head:8786", Required = true };
    private readonly Option<int> _slots = new("--slots") { Description = "tasks run at once (default: cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
    private readonly Option<string?> _memoryLimit = new("--memory-limit") { Description = "bytes the partition store keeps in memory before spilling and holding tasks back: 4G, 512M, 1073741824" };
    private readonly Option<string[]> _dataRoots = new("--data-root") { Description = "a folder whose files this worker may list and read (repeatable; default: any)" };
    private readonly Option<string> _hostName = new("--host-name") { Description = "the name this worker reports (default: the machine's)" };
    private readonly Option<int> _port = new("--port") { Description = "port of the Worker service; 0 takes a free one", DefaultValueFactory = _ => 0 };
    private readonly Option<string> _host = new("--host") { Description = "address to bind and advertise", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<FileInfo?> _tokenFile = new("--token-file") { Description = "file holding the cluster's bearer token" };
    private readonly Option<string> _connectTimeout = new("--connect-timeout") { Description = "how long to retry an unreachable scheduler: 10s, 500ms, 2m", DefaultValueFactory = _ => "10s" };
    private readonly Option<string?> _spillDir = new("--spill-dir") { Description = "where partitions spill past the memory limit (default: a temp folder)" };
    private readonly Option<string?> _shareDir = new("--share-dir") { Description = "tmpfs folder for handing partitions to processes on this machine as files (default: /dev/shm on Linux); 'none' streams them" };
    private readonly Option<string> _logLevel = new("--log-level") { Description = "trace, debug, info, warn or error", DefaultValueFactory = _ => "info" };

    public RootCommand Command { get; }

    public WorkerCommandLine()
    {
        _dataRoots.AllowMultipleArgumentsPerToken = false;
        Command = new RootCommand("frames-worker: runs Frames tasks and serves partitions to peers")
        {
            _scheduler, _slots, _memoryLimit, _dataRoots, _hostName, _port, _host, _tokenFile, _connectTimeout, _spillDir, _shareDir, _logLevel,
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
        if (port is < 0 or > 65535)
            throw new UsageException($"--port must be 0..65535, not {port}");
        var hostText = parse.GetValue(_host)!;
        var host = hostText == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(hostText, out var address) ? address
            : throw new UsageException($"--host must be an IP address to bind (127.0.0.1, 0.0.0.0, ::1), not '{hostText}'");
        var roots = (parse.GetValue(_dataRoots) ?? []).Select(Path.GetFullPath).ToArray();
        foreach (var root in roots)
        {
            if (!Directory.Exists(root))
                throw new UsageException($"--data-root {root} is not a folder");
        }
        return new WorkerOptions
        {
            Scheduler = schedulerUri,
            Slots = slots,
            MemoryLimit = memoryLimit,
            DataRoots = roots,
            HostName = parse.GetValue(_hostName) is { Length: > 0 } name ? name : Dns.GetHostName(),
            Host = host,
            Port = port,
            Token = ReadToken(parse.GetValue(_tokenFile)),
            ConnectTimeout = Duration(parse.GetValue(_connectTimeout)!),
            SpillDirectory = parse.GetValue(_spillDir) is { } spill ? Path.GetFullPath(spill) : null,
            ShareDirectory = ShareDirectory(parse.GetValue(_shareDir)),
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
        return Directory.Exists(folder) ? folder : throw new UsageException($"--share-dir {folder} is not a folder");
    }

    private static string? ReadToken(FileInfo? file)
    {
        if (file is null)
            return null;
        string token;
        try
        {
            token = File.ReadAllText(file.FullName).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--token-file {file.FullName}: {e.Message}");
        }
        return token.Length > 0 ? token : throw new UsageException($"--token-file {file.FullName} is empty");
    }

    /// <summary>A duration: <c>10s</c>, <c>500ms</c>, <c>2m</c>, or plain seconds.</summary>
    internal static TimeSpan Duration(string text)
    {
        var trimmed = text.Trim();
        var (number, scale) = trimmed.EndsWith("ms", StringComparison.Ordinal) ? (trimmed[..^2], 0.001)
            : trimmed.EndsWith('s') ? (trimmed[..^1], 1.0)
            : trimmed.EndsWith('m') ? (trimmed[..^1], 60.0)
            : (trimmed, 1.0);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
            throw new UsageException($"--connect-timeout must be a duration like 10s, 500ms or 2m, not '{text}'");
        return TimeSpan.FromSeconds(value * scale);
    }
}
