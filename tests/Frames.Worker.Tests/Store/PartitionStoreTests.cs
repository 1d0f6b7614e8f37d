using FramesNet.Physical;
using FramesNet.Worker.Store;
using FramesNet.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace FramesNet.Worker.Tests.Store;

public class PartitionStoreTests
{
    private static PartitionRef Key(string task, int bucket = 0) => new(new TaskKey(task), bucket);

    [Fact]
    public void Bytes_are_the_sum_of_the_column_buffers()
    {
        using var store = new PartitionStore(null, null, NullLogger.Instance);
        var batches = TestBatches.Many(3, 100);
        var expected = batches.Sum(b => b.Columns.Sum(c => c.Buffers.Sum(x => (long)x.Length)));

        var (rows, bytes) = store.Put(Key("a"), TestBatches.Schema, batches);

        Assert.Equal(300, rows);
        Assert.Equal(expected, bytes);
        Assert.True(bytes > 300 * 8, "ids alone take 8 bytes a row");
        Assert.Equal(bytes, store.StoredBytes);
        Assert.Equal(bytes, store.MemoryBytes);
    }

    [Fact]
    public void Release_drops_every_bucket_of_the_tasks_and_disposes_their_batches()
    {
        using var store = new PartitionStore(null, null, NullLogger.Instance);
        var a0 = TestBatches.Many(1, 10);
        store.Put(Key("a", 0), TestBatches.Schema, a0);
        store.Put(Key("a", 1), TestBatches.Schema, TestBatches.Many(1, 10));
        store.Put(Key("b", 0), TestBatches.Schema, TestBatches.Many(1, 20));
        var bBytes = store.StoredBytes - 2 * Bytes(store, Key("a", 0));

        var released = store.Release([new TaskKey("a")]);

        Assert.Equal(2, released);
        Assert.Equal([Key("b", 0)], store.Keys);
        Assert.Equal(bBytes, store.StoredBytes);
        Assert.True(a0[0].IsDisposed);
    }

    [Fact]
    public void A_leased_partition_survives_release_until_the_lease_ends()
    {
        using var store = new PartitionStore(null, null, NullLogger.Instance);
        var batches = TestBatches.Many(2, 10);
        store.Put(Key("a"), TestBatches.Schema, batches);

        var lease = store.TryAcquire(Key("a"))!;
        store.Release([new TaskKey("a")]);

        Assert.False(store.Contains(Key("a")));
        Assert.Null(store.TryAcquire(Key("a")));
        Assert.False(batches[0].IsDisposed);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), TestBatches.Ids(lease.Batches));
        lease.Dispose();
        Assert.True(batches[0].IsDisposed);
        Assert.Equal(0, store.StoredBytes);
    }

    [Fact]
    public void Storing_again_under_a_key_replaces_the_old_partition()
    {
        using var store = new PartitionStore(null, null, NullLogger.Instance);
        var old = TestBatches.Many(1, 50);
        store.Put(Key("a"), TestBatches.Schema, old);

        store.Put(Key("a"), TestBatches.Schema, TestBatches.Many(1, 5));

        Assert.True(old[0].IsDisposed);
        using var lease = store.TryAcquire(Key("a"))!;
        Assert.Equal(5, lease.Rows);
        Assert.Equal(lease.Bytes, store.StoredBytes);
    }

    [Fact]
    public void An_empty_partition_keeps_its_schema()
    {
        using var store = new PartitionStore(null, null, NullLogger.Instance);

        store.Put(Key("empty"), TestBatches.Schema, []);

        using var lease = store.TryAcquire(Key("empty"))!;
        Assert.Equal(TestBatches.Schema, lease.Schema);
        Assert.Empty(lease.Batches);
        Assert.Equal(0, lease.Rows);
    }

    [Fact]
    public void Without_a_spill_folder_the_store_is_over_its_limit_until_a_release()
    {
        using var store = new PartitionStore(1000, null, NullLogger.Instance);
        var relieved = 0;
        store.UnderLimit += () => relieved++;

        store.Put(Key("a"), TestBatches.Schema, TestBatches.Many(1, 200));

        Assert.True(store.IsOverLimit);
        store.Release([new TaskKey("a")]);
        Assert.False(store.IsOverLimit);
        Assert.Equal(1, relieved);
    }

    [Fact]
    public void Going_over_the_limit_is_announced_before_anything_spills()
    {
        using var spill = new TestFolder();
        using var store = new PartitionStore(1000, new SpillFolder(spill.Path), NullLogger.Instance);
        var spilledWhenAnnounced = new List<bool>();
        store.OverLimit += () => spilledWhenAnnounced.Add(Directory.EnumerateFiles(spill.Path).Any());

        store.Put(Key("small"), TestBatches.Schema, TestBatches.Many(1, 2));
        store.Put(Key("big"), TestBatches.Schema, TestBatches.Many(1, 200));

        Assert.Equal([false], spilledWhenAnnounced);
        Assert.NotEmpty(Directory.EnumerateFiles(spill.Path));
    }

    [Fact]
    public void Past_the_limit_the_least_recently_used_partitions_spill_and_read_back_whole()
    {
        using var folder = new TestFolder();
        var one = BytesOf(TestBatches.Many(1, 1000));
        using var store = new PartitionStore(one * 2 + one / 2, new SpillFolder(folder.Path), NullLogger.Instance);
        store.Put(Key("a"), TestBatches.Schema, TestBatches.Many(1, 1000));
        store.Put(Key("b"), TestBatches.Schema, TestBatches.Many(1, 1000));
        using (store.TryAcquire(Key("a")))
        {
            // Reading "a" makes "b" the least recently used.
        }

        store.Put(Key("c"), TestBatches.Schema, TestBatches.Many(1, 1000));

        Assert.False(store.IsOverLimit);
        Assert.Equal(2 * one, store.MemoryBytes);
        Assert.Equal(3 * one, store.StoredBytes);
        Assert.Single(Directory.GetFiles(folder.Path));
        using var b = store.TryAcquire(Key("b"))!;
        Assert.NotNull(b.SpillFile);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), TestBatches.Ids(b.Batches));
        Assert.Equal("name-999", TestBatches.Names(b.Batches)[^1]);
    }

    [Fact]
    public void Releasing_a_spilled_partition_deletes_its_file()
    {
        using var folder = new TestFolder();
        using var store = new PartitionStore(10, new SpillFolder(folder.Path), NullLogger.Instance);

        store.Put(Key("a"), TestBatches.Schema, TestBatches.Many(1, 100));
        Assert.Single(Directory.GetFiles(folder.Path));
        store.Release([new TaskKey("a")]);

        Assert.Empty(Directory.GetFiles(folder.Path));
        Assert.Equal(0, store.StoredBytes);
    }

    [Fact]
    public void Leased_partitions_are_not_spilled()
    {
        using var folder = new TestFolder();
        var one = BytesOf(TestBatches.Many(1, 100));
        using var store = new PartitionStore(one + one / 2, new SpillFolder(folder.Path), NullLogger.Instance);
        store.Put(Key("b"), TestBatches.Schema, TestBatches.Many(1, 100));
        using var b = store.TryAcquire(Key("b"))!;

        store.Put(Key("c"), TestBatches.Schema, TestBatches.Many(1, 100));

        Assert.Null(b.SpillFile);
        Assert.Equal(100, TestBatches.Ids(b.Batches).Count);
        using var c = store.TryAcquire(Key("c"))!;
        Assert.NotNull(c.SpillFile);
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    private static long Bytes(PartitionStore store, PartitionRef key)
    {
        using var lease = store.TryAcquire(key)!;
        return lease.Bytes;
    }

    private static long BytesOf(List<Columns.RecordBatch> batches)
    {
        var bytes = BatchBytes.Of(batches);
        foreach (var batch in batches)
            batch.Dispose();
        return bytes;
    }
}
