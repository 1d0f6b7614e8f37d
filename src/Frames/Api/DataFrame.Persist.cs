using FramesNet.Cluster;
using FramesNet.Execution;
using FramesNet.Plan;

namespace FramesNet;

/// <summary>
/// Persisting: compute a frame once and keep its partitions — in this process, or on a cluster's workers — so
/// several actions on it (<c>Collect</c>, <c>WriteArrow</c>, <c>WriteCsv</c>) do not each read and compute its
/// input again. The persisted frame owns them until it is disposed (or <see cref="Unpersist"/>ed).
/// </summary>
/// <example><code>
/// using var trips = ReadCsv("/data/trips-*.csv").Filter(Col("fare") &gt; 0).Persist();   // scans once
/// var table = trips.GroupBy("vendor").Agg(Count()).Collect();
/// trips.WriteArrow("/out/trips");
/// </code></example>
public sealed partial class DataFrame : IDisposable, IAsyncDisposable
{
    private PersistedSource? _persisted;

    /// <summary>Whether this frame owns persisted partitions (it is what <see cref="Persist"/> returned, not yet unpersisted).</summary>
    public bool IsPersisted => _persisted is { IsReleased: false };

    /// <summary>
    /// Runs the plan now and returns a frame over its result's partitions, kept in this process (or, on a
    /// cluster, on the workers, held by the scheduler) until the returned frame is disposed or unpersisted.
    /// Frames derived from it read those partitions instead of computing them again; after unpersisting, running
    /// them fails saying so.
    /// </summary>
    public DataFrame Persist(CancellationToken cancellationToken = default) =>
        PersistAsync(cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();

    public async Task<DataFrame> PersistAsync(CancellationToken cancellationToken = default, IProgress<ExecutionProgress>? progress = null)
    {
        var graph = BuildGraph();
        PersistedSource source;
        if (Context.Executor is ClusterExecutor cluster)
        {
            source = await JobRun.RunAsync(JobAction.Persist, graph, Context, progress,
                watched => cluster.PersistAsync(graph, Schema, watched, cancellationToken)).ConfigureAwait(false);
        }
        else
        {
            var partitions = await JobRun.RunAsync(JobAction.Persist, graph, Context, progress,
                watched => Context.Executor.ExecuteAsync(graph, watched, cancellationToken)).ConfigureAwait(false);
            source = new PersistedSource(Schema, partitions);
        }
        return new DataFrame(new ScanNode(source), Context) { _persisted = source };
    }

    /// <summary>Drops the persisted partitions (here, or on the cluster's workers); nothing when this frame owns none.</summary>
    public void Unpersist() => UnpersistAsync().AsTask().ConfigureAwait(false).GetAwaiter().GetResult();

    public ValueTask UnpersistAsync() => _persisted?.ReleaseAsync() ?? ValueTask.CompletedTask;

    /// <summary>Same as <see cref="Unpersist"/>: a frame that persisted nothing has nothing to dispose.</summary>
    public void Dispose() => Unpersist();

    public ValueTask DisposeAsync() => UnpersistAsync();
}
