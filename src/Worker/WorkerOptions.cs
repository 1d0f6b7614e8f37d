using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace FramesNet.Worker;

/// <summary>How a worker runs: its scheduler, capacity, data roots, where it listens, security and timing.</summary>
public sealed record WorkerOptions
{
    /// <summary>The scheduler's URL, e.g. <c>http://head:8786</c>.</summary>
    public required Uri Scheduler { get; init; }

    /// <summary>Tasks run at once; more may be queued.</summary>
    public int Slots { get; init; } = Environment.ProcessorCount;

    /// <summary>Bytes the partition store may hold in memory; past it, partitions spill to disk and new tasks wait. Null: no limit.</summary>
    public long? MemoryLimit { get; init; }

    /// <summary>Folders whose files the worker lists and scans; empty: every file.</summary>
    public IReadOnlyList<string> DataRoots { get; init; } = [];

    /// <summary>
    /// The worker's name: reported at registration and shown with its id wherever the worker is named
    /// (<c>w-3 (host node-7)</c> in messages, <c>worker=w-3 host=node-7</c> in log lines, status).
    /// </summary>
    public string HostName { get; init; } = Dns.GetHostName();

    /// <summary>
    /// The id to ask the scheduler for (<c>w-3</c>); it gives another when that one is taken. None: the
    /// scheduler picks. After a reconnect the worker asks for the id it had.
    /// </summary>
    public WorkerId Id { get; init; } = WorkerId.None;

    /// <summary>Address the Worker service binds (and advertises, unless it is a wildcard address).</summary>
    public IPAddress Host { get; init; } = IPAddress.Loopback;

    /// <summary>Port of the Worker service; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The cluster's bearer token: required from callers, sent to the scheduler and peers.</summary>
    public string? Token { get; init; }

    /// <summary>
    /// Serve the Worker service over TLS with this certificate (the worker then advertises https://; the
    /// certificate must hold the advertised host: the bind address, or the host name when bound to every
    /// interface); cleartext when null.
    /// </summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Intermediate CA certificates sent along with <see cref="Certificate"/>.</summary>
    public X509Certificate2Collection? CertificateChain { get; init; }

    /// <summary>CA certificates to trust for the scheduler's and peers' https:// addresses; the system's store when null.</summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }

    /// <summary>How long to keep retrying an unreachable scheduler at start before giving up.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long to keep retrying after losing the scheduler (it stopped, is restarting, the network split)
    /// before giving up: long enough for a restart or an upgrade of the scheduler.
    /// </summary>
    public TimeSpan ReconnectTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where spilled partitions go; a fresh folder under the system's temp folder when null.</summary>
    public string? SpillDirectory { get; init; }

    /// <summary>
    /// A folder on a memory-backed filesystem where the worker hands partitions to readers on the same
    /// machine (peers, clients) as files instead of streaming them through loopback TCP. /dev/shm where it
    /// exists (Linux); null turns the handoff off (FetchPartition only).
    /// </summary>
    public string? ShareDirectory { get; init; } = DefaultShareDirectory();

    /// <summary>
    /// Space the share folder's filesystem keeps free for others: a partition that would leave less is
    /// streamed instead (a container's /dev/shm is often 64 MB). Default 64 MiB.
    /// </summary>
    public long ShareReserve { get; init; } = 64L << 20;

    /// <summary>Task reports (started, finished) are collected this long before they are sent as one message.</summary>
    public TimeSpan ReportDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>…or until this many are waiting.</summary>
    public int ReportBatch { get; init; } = 64;

    /// <summary>The clock for heartbeats, back-off and report batching.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where the worker logs; nothing is logged when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>/dev/shm on Linux (a tmpfs on every distribution), else none.</summary>
    public static string? DefaultShareDirectory() => OperatingSystem.IsLinux() && Directory.Exists("/dev/shm") ? "/dev/shm" : null;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Scheduler);
        if (Scheduler.Scheme != Uri.UriSchemeHttp && Scheduler.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"the scheduler address is http://host:port or https://host:port, not '{Scheduler}'");
        if (Slots < 1)
            throw new ArgumentException($"--slots must be at least 1, not {Slots}");
        if (MemoryLimit is < 1)
            throw new ArgumentException($"--memory-limit must be positive, not {MemoryLimit}");
        if (Port is < 0 or > 65535)
            throw new ArgumentException($"--port must be 0–65535 (0 takes a free port), not {Port}");
        if (ConnectTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"--connect-timeout must be positive, not {ConnectTimeout}");
        if (ReconnectTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"--reconnect-timeout must be positive, not {ReconnectTimeout}");
        if (!Id.IsNone && !WorkerId.IsWellFormed(Id.Value))
            throw new ArgumentException($"--id must look like w-1, w-2, …, not '{Id.Value}'");
        if (Token is { Length: 0 })
            throw new ArgumentException("the token is empty");
        if (ShareDirectory is { } share && !Path.IsPathFullyQualified(share))
            throw new ArgumentException($"--share-dir must be an absolute path, not '{share}'");
        foreach (var root in DataRoots)
        {
            if (!Path.IsPathFullyQualified(root))
                throw new ArgumentException($"--data-root must be an absolute path, not '{root}'");
        }
    }
}
