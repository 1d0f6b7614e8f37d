using FramesNet.Cluster;
using FramesNet.Physical;
using FramesNet.Tests.Execution;
using FramesNet.Worker.Store;
using FramesNet.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace FramesNet.Worker.Tests.Store;

/// <summary>
/// Partitions whose strings come plain or dictionary-encoded, mixed within one partition (docs/engine.md,
/// "Encodings"), spill to disk and go out as shared files, and read back as the same rows.
/// </summary>
public class EncodedPartitionTests
{
    [Fact]
    public void Encoded_partitions_spill_and_are_shared_and_read_back_as_the_same_rows()
    {
        using var folder = new TestFolder();
        var share = ShareFolder.Create(folder.Path, 0)!;
        using var spill = new SpillFolder(Path.Combine(folder.Path, "spill"));
        for (var seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            var plain = EncodedBatches.Plain(random, maxRows: 200);
            var want = EncodedBatches.Rows(plain);

            var (shared, bytes) = share.Write(EncodedBatches.Schema, EncodedBatches.Encode(plain, random));
            var (_, fromShare) = PartitionTransfer.ReadFile(shared);
            Assert.Equal(bytes, new FileInfo(shared).Length);
            Assert.Equal(want, EncodedBatches.Rows(fromShare));

            // A limit of one byte spills every partition with rows as soon as it is stored.
            using var store = new PartitionStore(1, spill, NullLogger.Instance);
            var key = new PartitionRef(new TaskKey($"t{seed}"));
            store.Put(key, EncodedBatches.Schema, EncodedBatches.Encode(plain, random));
            using var lease = store.TryAcquire(key)!;
            Assert.True(want.Count == 0 || lease.SpillFile is not null, $"seed {seed}: the partition did not spill");
            Assert.Equal(want, EncodedBatches.Rows(lease.Batches));
        }
        share.Dispose();
    }
}
