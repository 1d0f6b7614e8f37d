using FramesNet.Columns;
using FramesNet.Execution.Kernels;
using FramesNet.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;

namespace FramesNet.Tests.Execution.Kernels;

// Property tests: TestTier sizes them; the slow tier reruns them at full size.
[Trait("Category", "Slow")]
public class DistinctAndPartitionTests
{
    private static Arbitrary<int> Seeds => ArbMap.Default.ArbFor<int>();

    [Fact]
    public void Distinct_keeps_the_first_row_of_each_key_across_batches_and_combines() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var data = KernelData.Batch(random, [KernelData.RandomType(random), KernelData.RandomType(random), DataType.Int32], random.Next(0, 250), distinct: random.Next(1, 8));
        int[]? keys = random.Next(2) == 0 ? null : [0, 1];
        var parts = KernelData.Split(random, data, random.Next(1, 6));

        // Two partial kernels over halves of the parts, then a combining kernel over their outputs in order.
        var half = random.Next(parts.Count + 1);
        var partials = new[] { parts.Take(half), parts.Skip(half) }.Select(chunk =>
        {
            var kernel = new DistinctKernel(data.Schema, keys);
            return chunk.Select(kernel.Consume).ToList();
        }).ToList();
        var combine = new DistinctKernel(data.Schema, keys);
        var output = partials.SelectMany(p => p).Select(combine.Consume).ToList();

        var keyOf = (object?[] row) => AggregateReference.KeyText((keys ?? [0, 1, 2]).Select(k => row[k]));
        var expected = KernelData.Rows(data).GroupBy(keyOf).Select(g => KernelData.Show(g.First())).ToList();
        Assert.Equal(expected, KernelData.Rows(output).Select(KernelData.Show));
        Assert.Equal(expected.Count, combine.Count);
    }));

    [Fact]
    public void Hash_partitioning_sends_equal_keys_to_one_bucket_whatever_the_batch_or_width() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var data = KernelData.Batch(random, [DataType.Utf8, DataType.Int32, DataType.Float64], random.Next(0, 200), distinct: 6);
        var buckets = random.Next(1, 9);
        var partitioner = new HashPartitioner([0, 1], buckets);
        var wide = new RecordBatch(new Schema(new Field("s", DataType.Utf8), new Field("n", DataType.Int64)),
            [data.Column(0), PrimitiveColumn<long>.From(DataType.Int64, Enumerable.Range(0, data.Length).Select(i => (long)((PrimitiveColumn<int>)data.Column(1)).Values[i]).ToArray(),
                Enumerable.Range(0, data.Length).Select(i => data.Column(1).IsValid(i)).ToArray())]);

        var assigned = partitioner.Assign(data);
        var split = partitioner.Partition(data);
        var widened = new HashPartitioner([0, 1], buckets).Assign(wide);

        Assert.Equal(assigned, widened);
        var owner = new Dictionary<string, int>();
        for (var i = 0; i < data.Length; i++)
        {
            var key = AggregateReference.KeyText([data.Column(0).GetValue(i), data.Column(1).GetValue(i)]);
            Assert.Equal(owner.TryAdd(key, assigned[i]) ? assigned[i] : owner[key], assigned[i]);
        }
        Assert.Equal(buckets, split.Length);
        Assert.Equal(Enumerable.Range(0, buckets).Select(b => assigned.Count(x => x == b)), split.Select(s => s.Length));
    }));

    [Fact]
    public void Hashes_are_fixed_across_processes()
    {
        // Pinned values: a change here breaks shuffles between workers running different builds.
        var batch = new RecordBatch(new Schema(new Field("s", DataType.Utf8), new Field("n", DataType.Int64)),
            [BinaryColumn.FromStrings(["CMT", null, "a longer string of bytes"]), PrimitiveColumn<long>.From(DataType.Int64, [1, 2, 3], [true, true, false])]);

        var hashes = RowHasher.Hash(batch, [0, 1]);

        Assert.Equal(hashes, RowHasher.Hash(batch, [0, 1]));
        Assert.Equal(["19A6D4C1DA804AC6", "E6BDFAB080EC5C03", "5D0759420904253F"], hashes.Select(h => h.ToString("X16")));
    }

    [Fact]
    public void Range_partitions_concatenated_in_order_are_sorted() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var data = KernelData.Batch(random, [KernelData.RandomType(random), DataType.Utf8], random.Next(0, 200), distinct: random.Next(1, 20));
        SortColumn[] keys = [new(0, random.Next(2) == 0, random.Next(2) == 0), new(1)];
        var sample = RecordBatchKernels.Take(data, Enumerable.Range(0, Math.Min(data.Length, 30)).Select(_ => random.Next(data.Length)).ToArray());
        var partitioner = RangePartitioner.FromSample([sample], keys, random.Next(1, 6));

        var buckets = partitioner.Partition(data);
        var sortedBuckets = buckets.Select(b => SortKernel.Sort(b, keys)).ToList();

        var expected = SortKernel.Sort(data, keys);
        Assert.Equal(KernelData.Rows(expected).Select(KernelData.Show), KernelData.Rows(sortedBuckets).Select(KernelData.Show));
        Assert.Equal(partitioner.BucketCount, buckets.Length);
    }));
}
