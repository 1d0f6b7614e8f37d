using FramesNet.Columns;
using FramesNet.Physical;

namespace FramesNet.Worker.Store;

/// <summary>
/// One partition in the store: in memory (<see cref="Batches"/>) or spilled (<see cref="SpillFile"/>).
/// Mutable state is guarded by the store's lock; leased partitions are neither spilled nor disposed.
/// </summary>
internal sealed class StoredPartition(PartitionRef key, Schema schema, IReadOnlyList<RecordBatch> batches, long rows, long bytes)
{
    public PartitionRef Key { get; } = key;

    public Schema Schema { get; } = schema;

    public long Rows { get; } = rows;

    /// <summary>In-memory size (buffer bytes), also while spilled: what reading it back costs.</summary>
    public long Bytes { get; } = bytes;

    /// <summary>The batches while in memory; null once spilled.</summary>
    public IReadOnlyList<RecordBatch>? Batches { get; set; } = batches;

    public string? SpillFile { get; set; }

    public int Leases { get; set; }

    /// <summary>Being written to disk: not a spill candidate, still counted in memory.</summary>
    public bool Spilling { get; set; }

    /// <summary>Released (or replaced) while leased: freed when the last lease ends.</summary>
    public bool Removed { get; set; }

    /// <summary>When it was last stored or read, in the store's own sequence (LRU order for spilling).</summary>
    public long LastUsed { get; set; }
}
