namespace FramesNet.Execution.Kernels;

/// <summary>How <see cref="HashJoin"/> runs; every join type works with either build side.</summary>
public sealed record HashJoinOptions
{
    /// <summary>The side held in the hash table (the smaller one, usually). The other side streams through <see cref="HashJoin.Probe"/>.</summary>
    public JoinSide BuildSide { get; init; } = JoinSide.Right;

    /// <summary>
    /// Emit the build side's utf8/binary columns as dictionary&lt;int32, T&gt; columns whose indices are the matched
    /// build rows and whose dictionary is the build column itself, instead of copying the strings: cheap when a
    /// large side joins a small dimension table, and the hash aggregator groups such keys by dictionary entry.
    /// </summary>
    public bool BuildSideAsDictionary { get; init; }

    /// <summary>Largest output batch.</summary>
    public int MaxBatchRows { get; init; } = 64 * 1024;
}
