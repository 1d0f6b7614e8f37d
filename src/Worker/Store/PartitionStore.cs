using FramesNet.Columns;
using FramesNet.Physical;
using Microsoft.Extensions.Logging;

namespace FramesNet.Worker.Store;

/// <summary>
/// The worker's partitions, keyed by (task, bucket), with byte accounting. Past the memory limit the
/// least recently used partitions that nobody is reading spill to disk (when a spill folder is given);
/// while it stays past the limit, <see cref="IsOverLimit"/> holds new tasks back. The store owns what it
/// holds: batches are disposed when released.
/// </summary>
internal sealed class PartitionStore : IDisposable
{
    private readonly Dictionary<PartitionRef, StoredPartition> _partitions = [];
    private readonly Lock _gate = new();
    private readonly long? _limit;
    private readonly SpillFolder? _spill;
    private readonly ILogger _logger;
    private long _memoryBytes;
    private long _spilledBytes;
    private long _spillingBytes;
    private long _clock;
    private bool _disposed;

    public PartitionStore(long? memoryLimit, SpillFolder? spill, ILogger logger)
    {
        _limit = memoryLimit;
        _spill = spill;
        _logger = logger;
    }

    /// <summary>Raised (outside the lock) when the in-memory bytes fall back under the limit.</summary>
    public event Action? UnderLimit;

    /// <summary>Raised (outside the lock) when a partition is stored while the in-memory bytes are over the limit, before anything is spilled.</summary>
    public event Action? OverLimit;

    public long? MemoryLimit => _limit;

    public long MemoryBytes => Interlocked.Read(ref _memoryBytes);

    /// <summary>Everything held, in memory or spilled (in-memory size).</summary>
    public long StoredBytes => Interlocked.Read(ref _memoryBytes) + Interlocked.Read(ref _spilledBytes);

    public bool IsOverLimit => _limit is { } limit && MemoryBytes > limit;

    public int Count
    {
        get
        {
            lock (_gate)
                return _partitions.Count;
        }
    }

    public IReadOnlyList<PartitionRef> Keys
    {
        get
        {
            lock (_gate)
                return _partitions.Keys.ToArray();
        }
    }

    public bool Contains(PartitionRef key)
    {
        lock (_gate)
            return _partitions.ContainsKey(key);
    }

    /// <summary>Stores a partition, taking ownership of its batches; a partition stored under the same key before is released.</summary>
    public (long Rows, long Bytes) Put(PartitionRef key, Schema schema, IReadOnlyList<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var rows = BatchBytes.Rows(batches);
        var bytes = BatchBytes.Of(batches);
        var stored = new StoredPartition(key, schema, batches, rows, bytes);
        List<RecordBatch>? freed = null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_partitions.Remove(key, out var old))
                freed = Remove(old);
            stored.LastUsed = ++_clock;
            _partitions[key] = stored;
            _memoryBytes += bytes;
        }
        Dispose(freed);
        if (IsOverLimit)
        {
            OverLimit?.Invoke();
            SpillIfOverLimit();
        }
        return (rows, bytes);
    }

    /// <summary>Pins a partition for reading, or null when the store does not hold it.</summary>
    public PartitionLease? TryAcquire(PartitionRef key)
    {
        lock (_gate)
        {
            if (_disposed || !_partitions.TryGetValue(key, out var partition))
                return null;
            partition.Leases++;
            partition.LastUsed = ++_clock;
            return new PartitionLease(this, partition, partition.Batches, partition.SpillFile);
        }
    }

    /// <summary>Drops every bucket of <paramref name="tasks"/>; returns how many partitions went.</summary>
    public int Release(IEnumerable<TaskKey> tasks)
    {
        var set = tasks.ToHashSet();
        var released = 0;
        var freed = new List<RecordBatch>();
        bool relieved;
        lock (_gate)
        {
            var wasOver = IsOverLimit;
            foreach (var key in _partitions.Keys.Where(k => set.Contains(k.Task)).ToList())
            {
                _partitions.Remove(key, out var partition);
                freed.AddRange(Remove(partition!) ?? []);
                released++;
            }
            relieved = wasOver && !IsOverLimit;
        }
        Dispose(freed);
        if (relieved)
            UnderLimit?.Invoke();
        return released;
    }

    internal List<RecordBatch> ReadSpilled(string file) => _spill!.Read(file).Batches;

    internal void EndLease(StoredPartition partition)
    {
        List<RecordBatch>? freed = null;
        bool relieved;
        lock (_gate)
        {
            var wasOver = IsOverLimit;
            partition.Leases--;
            if (partition.Leases == 0 && partition.Removed && !partition.Spilling)
                freed = Free(partition);
            relieved = wasOver && !IsOverLimit;
        }
        Dispose(freed);
        if (relieved)
            UnderLimit?.Invoke();
        else if (partition.Leases == 0)
            SpillIfOverLimit();
    }

    /// <summary>Writes least recently used, unleased partitions to disk until the in-memory bytes are under the limit.</summary>
    private void SpillIfOverLimit()
    {
        if (_spill is null || _limit is not { } limit)
            return;
        while (true)
        {
            StoredPartition? victim;
            lock (_gate)
            {
                if (_disposed || _memoryBytes - _spillingBytes <= limit)
                    return;
                victim = _partitions.Values
                    .Where(p => p.Batches is not null && p.Leases == 0 && !p.Spilling && p.Bytes > 0)
                    .MinBy(p => p.LastUsed);
                if (victim is null)
                    return;
                victim.Spilling = true;
                _spillingBytes += victim.Bytes;
            }
            if (!Spill(victim))
                return;
        }
    }

    /// <summary>Writes one partition to disk and drops its batches; false when the write failed.</summary>
    private bool Spill(StoredPartition victim)
    {
        string? file = null;
        try
        {
            file = _spill!.Write(victim.Key, victim.Schema, victim.Batches!);
        }
        catch (IOException e)
        {
            StoreLog.SpillFailed(_logger, victim.Key.ToString(), e);
        }
        var wrote = file is not null;
        IReadOnlyList<RecordBatch>? freed = null;
        bool relieved;
        lock (_gate)
        {
            var wasOver = IsOverLimit;
            victim.Spilling = false;
            _spillingBytes -= victim.Bytes;
            if (file is not null && (victim.Removed || victim.Leases > 0))
            {
                // Released, or someone started reading it from memory, while it was being written.
                SpillFolder.Delete(file);
                file = null;
            }
            if (file is null)
            {
                if (victim.Removed && victim.Leases == 0)
                    freed = Free(victim);
                relieved = wasOver && !IsOverLimit;
            }
            else
            {
                freed = victim.Batches;
                victim.Batches = null;
                victim.SpillFile = file;
                _memoryBytes -= victim.Bytes;
                _spilledBytes += victim.Bytes;
                relieved = wasOver && !IsOverLimit;
            }
        }
        if (file is not null)
            StoreLog.Spilled(_logger, victim.Key.ToString(), victim.Bytes, file);
        Dispose(freed);
        if (relieved)
            UnderLimit?.Invoke();
        return wrote;
    }

    /// <summary>Takes a partition out of the accounting; frees it now unless it is leased or being spilled.</summary>
    private List<RecordBatch>? Remove(StoredPartition partition)
    {
        partition.Removed = true;
        // A leased partition stays counted until its last lease ends: its memory is still in use.
        return partition.Leases == 0 && !partition.Spilling ? Free(partition) : null;
    }

    private List<RecordBatch>? Free(StoredPartition partition)
    {
        if (partition.SpillFile is { } file)
        {
            _spilledBytes -= partition.Bytes;
            SpillFolder.Delete(file);
            partition.SpillFile = null;
            return null;
        }
        _memoryBytes -= partition.Bytes;
        var batches = partition.Batches?.ToList();
        partition.Batches = null;
        return batches;
    }

    private static void Dispose(IReadOnlyList<RecordBatch>? batches)
    {
        if (batches is null)
            return;
        foreach (var batch in batches)
            batch.Dispose();
    }

    public void Dispose()
    {
        List<RecordBatch> freed = [];
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (var partition in _partitions.Values)
            {
                partition.Removed = true;
                if (partition.Leases == 0 && !partition.Spilling)
                    freed.AddRange(Free(partition) ?? []);
            }
            _partitions.Clear();
        }
        Dispose(freed);
        _spill?.Dispose();
    }
}
