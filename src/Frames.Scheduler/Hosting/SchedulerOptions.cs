using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace FramesNet.Scheduler.Hosting;

/// <summary>Settings of a <see cref="SchedulerHost"/>: where it listens, its token, heartbeats, clock and logs.</summary>
public sealed class SchedulerOptions
{
    /// <summary>Address to listen on; loopback unless set.</summary>
    public IPAddress Host { get; set; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 takes a free one (read it back from <see cref="SchedulerHost.Address"/>).</summary>
    public int Port { get; set; } = 8786;

    /// <summary>
    /// The cluster's bearer token for both roles — workers joining and clients — unless <see cref="WorkerToken"/>
    /// or <see cref="ClientToken"/> says otherwise. No token at all (every one null): calls are not checked.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>
    /// The token workers prove themselves with (RegisterWorker, Connect; the scheduler's own calls to workers
    /// carry it): a holder may join as a worker but not submit jobs. Default: <see cref="Token"/>.
    /// </summary>
    public string? WorkerToken { get; set; }

    /// <summary>
    /// The token clients prove themselves with (SubmitGraph, Cancel, ReleaseResults, GetStatus, ListFiles,
    /// DescribeFiles; reading results from workers): a holder may not join as a worker. Default: <see cref="Token"/>.
    /// </summary>
    public string? ClientToken { get; set; }

    /// <summary>
    /// Serve TLS with this certificate (its address becomes https://); cleartext when null. Cleartext
    /// callers are then refused with a status saying to use https://.
    /// </summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Intermediate CA certificates sent along with <see cref="Certificate"/>.</summary>
    public X509Certificate2Collection? CertificateChain { get; set; }

    /// <summary>CA certificates to trust for workers' https:// addresses (its own calls to them); the system's store when null.</summary>
    public X509Certificate2Collection? TrustedRoots { get; set; }

    internal string? EffectiveWorkerToken => WorkerToken ?? Token;

    internal string? EffectiveClientToken => ClientToken ?? Token;

    /// <summary>How often workers send heartbeats (told to them at registration).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A worker not heard from for this many intervals is removed and its work rescheduled.</summary>
    public int MissedHeartbeats { get; set; } = 3;

    /// <summary>A task that loses this many workers fails its job, unless the job asks for another number.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// A running job fails when no worker has been connected for this long (counted from its submission
    /// when that is later), naming why; <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.
    /// </summary>
    public TimeSpan NoWorkersTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Running jobs' progress goes out at most this often (the clock's tick).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the scheduler waits for workers' answers to ListFiles and DescribeFiles.</summary>
    public TimeSpan WorkerCallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// On a clean stop, tell connected workers to shut down. Off (the default), a stop leaves them running:
    /// their streams end, and they register again with a scheduler restarted on the same address.
    /// A host that owns its workers (<c>LocalCluster</c>, <c>frames-scheduler --shutdown-workers-on-exit</c>) turns it on.
    /// </summary>
    public bool ShutdownWorkersOnStop { get; set; }

    /// <summary>
    /// Largest request accepted (RESOURCE_EXHAUSTED beyond). A graph travels in one message: 100,000 tasks
    /// with half-kilobyte specs are 50 MB, over gRPC's usual 16 MiB.
    /// </summary>
    public int MaxReceiveMessageSize { get; set; } = 256 * 1024 * 1024;

    /// <summary>The clock for heartbeats and progress; tests drive their own.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where it logs; nothing when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
