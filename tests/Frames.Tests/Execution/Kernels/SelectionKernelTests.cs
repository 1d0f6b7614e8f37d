using FramesNet.Columns;
using FramesNet.Execution.Kernels;
using FramesNet.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;

namespace FramesNet.Tests.Execution.Kernels;

// Property tests: TestTier sizes them; the slow tier reruns them at full size.
[Trait("Category", "Slow")]
public class SelectionKernelTests
{
    private static Arbitrary<int> Seeds => ArbMap.Default.ArbFor<int>();

    [Fact]
    public void Filter_keeps_exactly_the_true_rows_of_every_type() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var type = KernelData.RandomType(random);
        var length = random.Next(0, 300);
        var column = KernelData.Column(random, type, length);
        var mask = KernelData.Mask(random, length, random.NextDouble());

        var filtered = ColumnKernels.Filter(column, mask);

        var expected = Enumerable.Range(0, length).Where(i => mask.GetNullable(i) == true).Select(column.GetValue);
        Assert.Equal(expected.Select(KernelData.Show), KernelData.Values(filtered).Select(KernelData.Show));
        Assert.Equal(type, filtered.Type);
        Assert.Equal(filtered.Length - KernelData.Values(filtered).Count(v => v is not null), filtered.NullCount);
    }));

    [Fact]
    public void Take_gathers_by_index_and_minus_one_gives_null() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var type = KernelData.RandomType(random);
        var length = random.Next(0, 200);
        var column = KernelData.Column(random, type, length);
        var indices = Enumerable.Range(0, random.Next(0, 300)).Select(_ => length == 0 || random.Next(5) == 0 ? -1 : random.Next(length)).ToArray();

        var taken = ColumnKernels.Take(column, indices);

        var expected = indices.Select(i => i < 0 ? null : column.GetValue(i));
        Assert.Equal(expected.Select(KernelData.Show), KernelData.Values(taken).Select(KernelData.Show));
        Assert.Equal(expected.Count(v => v is null), taken.NullCount);
    }));

    [Fact]
    public void Concat_of_any_split_gives_back_the_column() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var batch = KernelData.Batch(random, [KernelData.RandomType(random), KernelData.RandomType(random)], random.Next(0, 300));
        var parts = KernelData.Split(random, batch, random.Next(1, 6));

        var joined = RecordBatchKernels.Concat(parts);

        Assert.Equal(KernelData.Rows(batch).Select(KernelData.Show), KernelData.Rows(joined).Select(KernelData.Show));
        Assert.Equal(batch.Column(0).NullCount, joined.Column(0).NullCount);
    }));

    [Fact]
    public void Batch_filter_and_take_agree_with_the_column_kernels() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var batch = KernelData.Batch(random, [KernelData.RandomType(random), DataType.Utf8], random.Next(0, 200));
        var mask = KernelData.Mask(random, batch.Length, 0.5);

        var filtered = RecordBatchKernels.Filter(batch, mask);

        var keep = Enumerable.Range(0, batch.Length).Where(i => mask.GetNullable(i) == true).ToArray();
        using var taken = RecordBatchKernels.Take(batch, keep);
        Assert.Equal(KernelData.Rows(taken).Select(KernelData.Show), KernelData.Rows(filtered).Select(KernelData.Show));
    }));

    [Fact]
    public void All_true_mask_returns_the_input_and_all_false_an_empty_column()
    {
        var column = PrimitiveColumn<int>.From(DataType.Int32, [1, 2, 3]);

        Assert.Same(column, ColumnKernels.Filter(column, BooleanColumn.From([true, true, true])));
        var none = ColumnKernels.Filter(column, BooleanColumn.From([false, true, false], [true, false, true]));
        Assert.Equal(0, none.Length);
        Assert.Equal(DataType.Int32, none.Type);
    }

    [Fact]
    public void Take_outside_the_column_names_the_index()
    {
        var column = BinaryColumn.FromStrings(["a", "b"]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ColumnKernels.Take(column, [0, 2]));
        Assert.Contains("row index 2 outside a column of 2 values", error.Message);
    }

    [Fact]
    public void Dictionary_columns_stay_encoded_through_take_and_concat()
    {
        var random = new Random(5);
        var dictionary = KernelData.Dictionary(random, ["x", "yy", null], 50);

        var taken = (DictionaryColumn)ColumnKernels.Take(dictionary, [3, -1, 0, 49]);
        var other = KernelData.Dictionary(random, ["zz"], 3, nullRate: 0);
        var joined = ColumnKernels.Concat([dictionary, other]);

        Assert.Same(dictionary.DictionaryValues, taken.DictionaryValues);
        Assert.Equal(new[] { 3, -1, 0, 49 }.Select(i => i < 0 ? null : dictionary.GetValue(i)), KernelData.Values(taken));
        Assert.Equal(KernelData.Values(dictionary).Concat(["zz", "zz", "zz"]), KernelData.Values(joined));
    }

    [Fact]
    public void Unaligned_mask_offsets_select_the_right_bits()
    {
        var values = Enumerable.Range(0, 200).ToArray();
        var bits = values.Select(v => v % 3 == 0).ToArray();
        var column = PrimitiveColumn<int>.From(DataType.Int32, values).Slice(5, 150);
        var mask = (BooleanColumn)BooleanColumn.From(bits).Slice(5, 150);

        var filtered = (PrimitiveColumn<int>)ColumnKernels.Filter(column, mask);

        Assert.Equal(values.Skip(5).Take(150).Where(v => v % 3 == 0), filtered.Values.ToArray());
    }

    [Fact]
    public void A_kept_batch_outlives_disposing_its_input()
    {
        var values = PrimitiveColumn<long>.From(DataType.Int64, Enumerable.Range(0, 1000).Select(i => (long)i).ToArray());
        var input = KernelData.Single("v", values);

        using var kept = RecordBatchKernels.Filter(input, BooleanColumn.From(Enumerable.Repeat(true, 1000).ToArray()));
        input.Dispose();

        Assert.NotSame(input, kept);
        Assert.Equal(1, values.ValueBuffer.Owner!.References);
    }
}
