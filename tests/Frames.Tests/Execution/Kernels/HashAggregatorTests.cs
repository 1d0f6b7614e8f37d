using FramesNet.Columns;
using FramesNet.Execution.Kernels;
using FramesNet.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;

namespace FramesNet.Tests.Execution.Kernels;

// Property tests: TestTier sizes them; the slow tier reruns them at full size.
[Trait("Category", "Slow")]
public class HashAggregatorTests
{
    private static Arbitrary<int> Seeds => ArbMap.Default.ArbFor<int>();

    private sealed record Case(RecordBatch Data, int[] Keys, AggregateSpec[] Specs);

    private static Case RandomCase(Random random)
    {
        var keyTypes = Enumerable.Range(0, random.Next(0, 3)).Select(_ => KernelData.RandomType(random)).ToList();
        var valueTypes = Enumerable.Range(0, 2).Select(_ => KernelData.RandomType(random)).ToList();
        var data = KernelData.Batch(random, [.. keyTypes, .. valueTypes], random.Next(0, 250), distinct: random.Next(1, 12));
        var keys = Enumerable.Range(0, keyTypes.Count).ToArray();
        var specs = new List<AggregateSpec>();
        for (var v = 0; v < valueTypes.Count; v++)
        {
            var functions = AggregateReference.FunctionsFor(valueTypes[v]);
            foreach (var f in functions.OrderBy(_ => random.Next()).Take(random.Next(1, 5)))
                specs.Add(new AggregateSpec(f, f == AggregateKind.CountAll ? -1 : keyTypes.Count + v, $"a{specs.Count}"));
        }
        return new Case(data, keys, specs.ToArray());
    }

    private static void AssertMatchesReference(Case c, IEnumerable<RecordBatch> output)
    {
        var expected = AggregateReference.GroupBy(KernelData.Rows(c.Data), c.Keys, c.Specs);
        var actual = KernelData.Rows(output);
        Assert.Equal(expected.Count, actual.Count);
        foreach (var row in actual)
        {
            var key = AggregateReference.KeyText(row.Take(c.Keys.Length));
            Assert.True(expected.TryGetValue(key, out var want), $"unexpected group {key}");
            for (var i = 0; i < row.Length; i++)
                Assert.True(AggregateReference.ResultEquals(want![i], row[i]),
                    $"group {key}, column {i}: expected {KernelData.Show(want[i])}, got {KernelData.Show(row[i])}");
        }
    }

    [Fact]
    public void Single_phase_matches_the_reference_for_any_batch_split() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var c = RandomCase(random);
        var aggregator = new HashAggregator(c.Data.Schema, c.Keys, c.Specs, AggregateMode.Single);

        foreach (var part in KernelData.Split(random, c.Data, random.Next(1, 6)))
            aggregator.Consume(part);

        AssertMatchesReference(c, aggregator.Finish());
    }));

    [Fact]
    public void Partial_combine_final_equals_single_phase() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var c = RandomCase(random);
        var parts = KernelData.Split(random, c.Data, random.Next(1, 6));

        // Each part is a partition with its own partial aggregator; partials are combined in two groups, then finalised.
        var states = parts.Select((part, index) =>
        {
            var partial = new HashAggregator(c.Data.Schema, c.Keys, c.Specs, AggregateMode.Partial, new HashAggregatorOptions { PartitionIndex = index });
            partial.Consume(part);
            return partial.Finish().ToList();
        }).ToList();
        var final = new HashAggregator(c.Data.Schema, c.Keys, c.Specs, AggregateMode.Final);
        var split = random.Next(states.Count + 1);
        foreach (var chunk in new[] { states.Take(split), states.Skip(split) })
        {
            var combine = new HashAggregator(c.Data.Schema, c.Keys, c.Specs, AggregateMode.Combine);
            foreach (var state in chunk.SelectMany(s => s))
                combine.Consume(state);
            foreach (var state in combine.Finish())
                final.Consume(state);
        }

        AssertMatchesReference(c, final.Finish());
    }));

    [Fact]
    public void Hash_collisions_never_merge_different_keys() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var keys = KernelData.Batch(random, [KernelData.RandomType(random), KernelData.RandomType(random)], random.Next(0, 200), distinct: 10);
        var table = new GroupTable(keys.Schema.Fields.Select(f => f.Type).ToArray(), hashMask: 0x3);
        var ids = new int[keys.Length];

        table.Insert(keys.Columns, ids);

        var expected = KernelData.Rows(keys).Select(r => AggregateReference.KeyText(r)).ToList();
        Assert.Equal(expected.Distinct().Count(), table.Count);
        for (var i = 0; i < ids.Length; i++)
            for (var j = 0; j < i; j++)
                Assert.Equal(expected[i] == expected[j], ids[i] == ids[j]);
    }), TestTier.Count(50, 500));

    [Fact]
    public void Global_aggregate_over_nothing_gives_one_row_like_sql()
    {
        var schema = new Schema(new Field("x", DataType.Int64));
        AggregateSpec[] specs = [AggregateSpec.CountAll("n"), new(AggregateKind.Count, 0, "c"), new(AggregateKind.Sum, 0, "s"),
            new(AggregateKind.Mean, 0, "m"), new(AggregateKind.Max, 0, "mx"), new(AggregateKind.Std, 0, "sd"), new(AggregateKind.CountDistinct, 0, "d")];
        var aggregator = new HashAggregator(schema, [], specs, AggregateMode.Single);

        var rows = KernelData.Rows(aggregator.Finish());

        Assert.Equal([0L, 0L, null, null, null, null, 0L], Assert.Single(rows));
    }

    [Fact]
    public void All_null_values_give_null_results_but_count_all_counts_them()
    {
        var keys = BinaryColumn.FromStrings(["a", "a", null]);
        var values = PrimitiveColumn<double>.From(DataType.Float64, [1, 2, 3], [false, false, false]);
        var batch = new RecordBatch(new Schema(new Field("k", DataType.Utf8), new Field("v", DataType.Float64)), [keys, values]);
        var aggregator = new HashAggregator(batch.Schema, [0], [AggregateSpec.CountAll("n"), new(AggregateKind.Sum, 1, "s"), new(AggregateKind.Min, 1, "m")], AggregateMode.Single);

        aggregator.Consume(batch);
        var rows = KernelData.Rows(aggregator.Finish());

        Assert.Equal([["a", 2L, null, null], [null, 1L, null, null]], rows);
    }

    [Fact]
    public void Float_keys_group_negative_zero_with_zero_and_all_nans_together()
    {
        var keys = PrimitiveColumn<double>.From(DataType.Float64, [-0.0, 0.0, double.NaN, -double.NaN, BitConverter.Int64BitsToDouble(0x7FF0000000000001), 1.0]);
        var batch = KernelData.Single("k", keys);
        var aggregator = new HashAggregator(batch.Schema, [0], [AggregateSpec.CountAll("n")], AggregateMode.Single);

        aggregator.Consume(batch);
        var rows = KernelData.Rows(aggregator.Finish());

        Assert.Equal(3, rows.Count);
        Assert.Equal(0.0, (double)rows[0][0]!);
        Assert.False(double.IsNegative((double)rows[0][0]!));
        Assert.Equal(2L, rows[0][1]);
        Assert.True(double.IsNaN((double)rows[1][0]!));
        Assert.Equal(3L, rows[1][1]);
    }

    [Fact]
    public void Int64_sum_overflow_throws_instead_of_wrapping()
    {
        var batch = KernelData.Single("v", PrimitiveColumn<long>.From(DataType.Int64, [long.MaxValue, 1]));
        var aggregator = new HashAggregator(batch.Schema, [], [new AggregateSpec(AggregateKind.Sum, 0, "total")], AggregateMode.Single);

        var error = Assert.Throws<OverflowException>(() => aggregator.Consume(batch));
        Assert.Contains("sum 'total' overflows int64", error.Message);
    }

    [Fact]
    public void Count_distinct_skips_nulls_and_survives_partial_states()
    {
        var values = BinaryColumn.FromStrings(["x", null, "y", "x", null, "", "y"]);
        var keys = PrimitiveColumn<int>.From(DataType.Int32, [1, 1, 1, 2, 2, 2, 2]);
        var batch = new RecordBatch(new Schema(new Field("k", DataType.Int32), new Field("v", DataType.Utf8)), [keys, values]);
        AggregateSpec[] specs = [new(AggregateKind.CountDistinct, 1, "d")];
        var final = new HashAggregator(batch.Schema, [0], specs, AggregateMode.Final);

        foreach (var (start, length) in new[] { (0, 3), (3, 4), (1, 5) })
        {
            var partial = new HashAggregator(batch.Schema, [0], specs, AggregateMode.Partial);
            partial.Consume(batch.Slice(start, length));
            foreach (var state in partial.Finish())
                final.Consume(state);
        }

        Assert.Equal([[1, 2L], [2, 3L]], KernelData.Rows(final.Finish()));
    }

    [Fact]
    public void Dictionary_keys_group_by_value_across_different_dictionaries()
    {
        var random = new Random(3);
        var first = KernelData.Dictionary(random, ["b", "a", "b"], 40);
        var second = KernelData.Dictionary(random, ["a", "c"], 5);
        var schema = new Schema(new Field("k", first.Type));
        var aggregator = new HashAggregator(schema, [0], [AggregateSpec.CountAll("n")], AggregateMode.Single);

        aggregator.Consume(new RecordBatch(schema, [first]));
        aggregator.Consume(new RecordBatch(schema, [second]));
        var counts = KernelData.Rows(aggregator.Finish()).ToDictionary(r => r[0] ?? "∅", r => (long)r[1]!);

        var expected = KernelData.Values(first).Concat(KernelData.Values(second)).GroupBy(v => v ?? "∅").ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.OrderBy(p => p.Key.ToString()), counts.OrderBy(p => p.Key.ToString()));
        Assert.Equal(DataType.Utf8, aggregator.OutputSchema[0].Type);
    }

    [Fact]
    public void First_and_last_follow_partition_order_when_combined()
    {
        var batch = KernelData.Single("v", PrimitiveColumn<int>.From(DataType.Int32, [10, 20, 30, 40]));
        AggregateSpec[] specs = [new(AggregateKind.First, 0, "f"), new(AggregateKind.Last, 0, "l")];
        var final = new HashAggregator(batch.Schema, [], specs, AggregateMode.Final);

        // Partition 1 is consumed before partition 0; the ordinals still put partition 0 first.
        foreach (var (partition, start) in new[] { (1, 2), (0, 0) })
        {
            var partial = new HashAggregator(batch.Schema, [], specs, AggregateMode.Partial, new HashAggregatorOptions { PartitionIndex = partition });
            partial.Consume(batch.Slice(start, 2));
            foreach (var state in partial.Finish())
                final.Consume(state);
        }

        Assert.Equal([[10, 40]], KernelData.Rows(final.Finish()));
    }

    [Fact]
    public void Output_is_cut_into_bounded_batches()
    {
        var batch = KernelData.Single("k", PrimitiveColumn<int>.From(DataType.Int32, Enumerable.Range(0, 1000).ToArray()));
        var aggregator = new HashAggregator(batch.Schema, [0], [AggregateSpec.CountAll("n")], AggregateMode.Single, new HashAggregatorOptions { MaxBatchRows = 300 });

        aggregator.Consume(batch);
        var batches = aggregator.Finish().ToList();

        Assert.Equal([300, 300, 300, 100], batches.Select(b => b.Length));
    }
}
