using FramesNet.Columns;
using FramesNet.Physical;

namespace FramesNet.Worker.Store;

/// <summary>
/// A pinned partition: while the lease lives the store neither spills nor frees it. A spilled partition
/// is read back on the first <see cref="Batches"/> access; those batches belong to the lease.
/// </summary>
internal sealed class PartitionLease : IDisposable
{
    private readonly PartitionStore _store;
    private readonly StoredPartition _partition;
    private readonly IReadOnlyList<RecordBatch>? _inMemory;
    private List<RecordBatch>? _loaded;
    private int _disposed;

    internal PartitionLease(PartitionStore store, StoredPartition partition, IReadOnlyList<RecordBatch>? inMemory, string? spillFile)
    {
        _store = store;
        _partition = partition;
        _inMemory = inMemory;
        SpillFile = spillFile;
    }

    public PartitionRef Key => _partition.Key;

    public Schema Schema => _partition.Schema;

    public long Rows => _partition.Rows;

    public long Bytes => _partition.Bytes;

    /// <summary>The Arrow IPC stream file holding the partition when it was spilled at lease time, else null.</summary>
    public string? SpillFile { get; }

    /// <summary>The batches (borrowed: never dispose them); read from the spill file when spilled.</summary>
    public IReadOnlyList<RecordBatch> Batches => _inMemory ?? (_loaded ??= _store.ReadSpilled(SpillFile!));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (_loaded is not null)
        {
            foreach (var batch in _loaded)
                batch.Dispose();
        }
        _store.EndLease(_partition);
    }
}
