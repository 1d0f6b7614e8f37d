using System.Security.Cryptography.X509Certificates;

namespace FramesNet.Cluster;

/// <summary>How a client talks to a cluster.</summary>
public sealed record ClusterOptions
{
    /// <summary>The cluster's bearer token (see <c>--token-file</c> on the daemons); none when null.</summary>
    public string? Token { get; init; }

    /// <summary>
    /// CA certificates to trust for an https:// scheduler and its workers (a site's own CA; load a PEM bundle
    /// with <see cref="X509Certificate2Collection.ImportFromPemFile"/>); the system's store when null.
    /// </summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }

    /// <summary>How long connecting to the scheduler may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A job not finished after this long (results gathered) is cancelled on the cluster and fails with a
    /// <see cref="TimeoutException"/> saying how far it got; none when null. The scheduler fails on its own
    /// a job no worker can run (its <c>--no-workers-timeout</c>).
    /// </summary>
    public TimeSpan? JobTimeout { get; init; }

    /// <summary>Ask the scheduler for an event per task start and finish (not only coalesced progress).</summary>
    public bool TaskEvents { get; init; }

    /// <summary>Where task events go when <see cref="TaskEvents"/> is on.</summary>
    public Action<ClusterTaskEvent>? OnTaskEvent { get; init; }
}

/// <summary>A task of a cluster job started, finished, failed or was rescheduled, on a worker.</summary>
public sealed record ClusterTaskEvent(string Task, string Kind, string WorkerId, string Host, int Attempt, string Message);
