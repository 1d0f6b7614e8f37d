using FramesNet.Columns;
using FramesNet.Physical;

namespace FramesNet.Plan;

/// <summary>
/// The partitions of a persisted frame (<see cref="DataFrame.Persist"/>): computed once and kept — in this
/// process, or on the workers of a cluster, whose scheduler holds them until the frame is unpersisted. A scan
/// reads them instead of computing them again, one task per partition; once unpersisted, planning or reading
/// a scan of them fails saying so.
/// </summary>
public sealed class PersistedSource : DataSource
{
    private readonly IReadOnlyList<IReadOnlyList<RecordBatch>>? _memory;
    private readonly IReadOnlyList<StoredPartition>? _stored;
    private readonly Func<ValueTask>? _release;
    private readonly string _identity = $"persisted-{Guid.NewGuid():N}";
    private int _released;

    /// <summary>Partitions kept in this process (they belong to the source from now on).</summary>
    internal PersistedSource(Schema schema, IReadOnlyList<IReadOnlyList<RecordBatch>> partitions)
    {
        Schema = schema.Logical();
        _memory = partitions;
        Rows = partitions.Sum(p => p.Sum(b => (long)b.Length));
    }

    /// <summary>Partitions kept on a cluster's workers; <paramref name="release"/> tells the scheduler to drop them.</summary>
    internal PersistedSource(Schema schema, IReadOnlyList<StoredPartition> partitions, Func<ValueTask> release)
    {
        Schema = schema.Logical();
        _stored = partitions;
        _release = release;
        Rows = partitions.Sum(p => p.Rows);
    }

    public override Schema Schema { get; }

    public long Rows { get; }

    public int PartitionCount => _memory?.Count ?? _stored!.Count;

    /// <summary>Whether the partitions are on a cluster's workers (else in this process).</summary>
    public bool OnCluster => _stored is not null;

    public bool IsReleased => Volatile.Read(ref _released) != 0;

    public override long EstimatedBytes => _memory is not null
        ? _memory.Sum(p => p.Sum(b => b.Columns.Sum(c => (long)c.Buffers.Sum(x => x.Length))))
        : _stored!.Sum(p => p.Bytes);

    public override string Describe() =>
        $"persisted [{Rows:N0} rows, {PartitionCount} partition{(PartitionCount == 1 ? "" : "s")}{(OnCluster ? " on the cluster's workers" : "")}]";

    internal override IReadOnlyList<ScanPartition> Partitions(Schema columns, PhysicalOptions options)
    {
        CheckLive();
        var indices = columns.Fields.Select(f => Schema.IndexOf(f.Name)).ToArray();
        var parts = new List<ScanPartition>(PartitionCount);
        for (var p = 0; p < PartitionCount; p++)
            parts.Add(_memory is not null
                ? new PersistedPartition(this, _memory[p], columns, indices, $"{_identity}/{p}")
                : new StoredPartitionScan(_stored![p], columns, indices));
        return parts;
    }

    internal override double? SampleDistinctRatio(IReadOnlyList<string> columns)
    {
        var sample = _memory?.SelectMany(p => p).FirstOrDefault(b => b.Length > 0);
        if (sample is null)
            return null;
        var rows = Math.Min(sample.Length, 4096);
        var indices = columns.Select(Schema.IndexOf).ToArray();
        var seen = new HashSet<string>();
        for (var r = 0; r < rows; r++)
            seen.Add(string.Join('\u0001', indices.Select(c => ValueFormatter.Format(sample.Column(c), r) ?? "\u0000")));
        return seen.Count / (double)rows;
    }

    internal void CheckLive()
    {
        if (IsReleased)
            throw new ObjectDisposedException(nameof(DataFrame), "this frame was unpersisted (Unpersist or Dispose): its partitions are gone; persist it again");
    }

    /// <summary>Drops the partitions (here, or on the cluster); later scans of them fail. Once only.</summary>
    internal async ValueTask ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
            return;
        if (_memory is not null)
        {
            // Scans already running read batches of their own that keep the buffers alive.
            foreach (var batch in _memory.SelectMany(p => p))
                batch.Dispose();
        }
        if (_release is not null)
            await _release().ConfigureAwait(false);
    }
}

/// <summary>A persisted partition held by a cluster's workers: its key, the workers holding it, and its size.</summary>
internal sealed record StoredPartition(PartitionRef Partition, IReadOnlyList<string> Addresses, long Rows, long Bytes);
