using FramesNet.Columns;
using FramesNet.Execution.Kernels;
using FramesNet.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;

namespace FramesNet.Tests.Execution.Kernels;

// Property tests: TestTier sizes them; the slow tier reruns them at full size.
[Trait("Category", "Slow")]
public class SortKernelTests
{
    private static Arbitrary<int> Seeds => ArbMap.Default.ArbFor<int>();

    /// <summary>Reference order over boxed rows (LINQ's OrderBy is stable).</summary>
    private sealed class RowOrder(IReadOnlyList<SortColumn> keys) : IComparer<object?[]>
    {
        public int Compare(object?[]? a, object?[]? b)
        {
            foreach (var key in keys)
            {
                object? x = a![key.Column], y = b![key.Column];
                if (x is null || y is null)
                {
                    if (x is null && y is null) continue;
                    return (x is null) == key.NullsFirst ? -1 : 1;
                }
                var c = AggregateReference.Compare(x, y);
                if (c != 0) return key.Descending ? -c : c;
            }
            return 0;
        }
    }

    private static (RecordBatch Data, SortColumn[] Keys) RandomCase(Random random)
    {
        var types = Enumerable.Range(0, random.Next(1, 4)).Select(_ => KernelData.RandomType(random)).ToList();
        var data = KernelData.Batch(random, [.. types, DataType.Int32], random.Next(0, 200), distinct: random.Next(1, 15));
        var keys = Enumerable.Range(0, random.Next(1, types.Count + 1))
            .Select(k => new SortColumn(k, random.Next(2) == 0, random.Next(2) == 0)).ToArray();
        return (data, keys);
    }

    private static List<string> ReferenceSort(List<object?[]> rows, SortColumn[] keys) =>
        rows.OrderBy(r => r, new RowOrder(keys)).Select(KernelData.Show).ToList();

    [Fact]
    public void Sort_is_stable_and_places_nulls_as_asked() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var (data, keys) = RandomCase(random);
        // The last column numbers the rows, so stability shows in the output.
        var numbered = WithRowNumbers(data);

        var sorted = SortKernel.Sort(numbered, keys);

        Assert.Equal(ReferenceSort(KernelData.Rows(numbered), keys), KernelData.Rows(sorted).Select(KernelData.Show));
    }));

    [Fact]
    public void Top_k_equals_full_sort_then_take_for_any_batch_split() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var (data, keys) = RandomCase(random);
        var numbered = WithRowNumbers(data);
        var k = random.Next(0, 30);
        var topK = new TopK(numbered.Schema, keys, k);

        foreach (var part in KernelData.Split(random, numbered, random.Next(1, 6)))
            topK.Consume(part);

        Assert.Equal(ReferenceSort(KernelData.Rows(numbered), keys).Take(k), KernelData.Rows(topK.Finish()).Select(KernelData.Show));
    }));

    [Fact]
    public void Merging_sorted_runs_equals_sorting_their_concatenation() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var (data, keys) = RandomCase(random);
        var numbered = WithRowNumbers(data);
        var runs = KernelData.Split(random, numbered, random.Next(1, 5))
            .Select(run => KernelData.Split(random, SortKernel.Sort(run, keys), random.Next(1, 4)))
            .ToList();

        var merged = SortedMerge.MergeSorted(runs, keys, maxBatchRows: random.Next(1, 50)).ToList();

        var expected = ReferenceSort(runs.SelectMany(r => r).SelectMany(KernelData.Rows).ToList(), keys);
        Assert.Equal(expected, KernelData.Rows(merged).Select(KernelData.Show));
    }));

    [Fact]
    public void Floats_sort_nan_after_numbers_and_negative_zero_with_zero()
    {
        var values = PrimitiveColumn<double>.From(DataType.Float64, [double.NaN, 1, -0.0, double.NegativeInfinity, 0.0, double.PositiveInfinity, 5],
            [true, true, true, true, true, true, false]);
        var batch = KernelData.Single("x", values);

        var ascending = SortKernel.SortIndices(batch, [new SortColumn(0)]);
        var descending = SortKernel.SortIndices(batch, [new SortColumn(0, Descending: true, NullsFirst: true)]);

        Assert.Equal([3, 2, 4, 1, 5, 0, 6], ascending);
        Assert.Equal([6, 0, 5, 1, 2, 4, 3], descending);
    }

    [Fact]
    public void Strings_sort_by_utf8_bytes()
    {
        var batch = KernelData.Single("s", BinaryColumn.FromStrings(["é", "z", "Z", "", "ab", "a"]));

        var sorted = SortKernel.Sort(batch, [new SortColumn(0)]);

        Assert.Equal(["", "Z", "a", "ab", "z", "é"], KernelData.Values(sorted.Column(0)));
    }

    private static RecordBatch WithRowNumbers(RecordBatch data)
    {
        var numbers = PrimitiveColumn<int>.From(DataType.Int32, Enumerable.Range(0, data.Length).ToArray());
        var columns = data.Columns.Take(data.ColumnCount - 1).Append(numbers).ToArray();
        return new RecordBatch(data.Schema, columns, data.Length);
    }
}
