using FramesNet.Columns;

namespace FramesNet.Tests.Columns;

public class SliceTests
{
    [Fact]
    public void Slices_share_buffers_and_recount_nulls()
    {
        var column = PrimitiveColumn<int>.From(DataType.Int32, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            [true, false, true, true, false, true, true, true, true, false]);

        var slice = (PrimitiveColumn<int>)column.Slice(3, 5);

        Assert.Equal([4, 5, 6, 7, 8], slice.Values.ToArray());
        Assert.Equal(1, slice.NullCount);
        Assert.True(slice.IsNull(1));
        Assert.Same(column.ValueBuffer.Owner, slice.ValueBuffer.Owner);
    }

    [Fact]
    public void String_slices_keep_their_offsets()
    {
        var column = BinaryColumn.FromStrings(["a", "bb", null, "dddd", "e"]);

        var slice = (BinaryColumn)column.Slice(1, 3);

        Assert.Equal(["bb", null, "dddd"], Enumerable.Range(0, 3).Select(i => slice.GetNullableString(i)));
    }

    [Fact]
    public void Slicing_outside_the_column_names_the_bounds()
    {
        var column = PrimitiveColumn<long>.From(DataType.Int64, [1, 2, 3]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => column.Slice(2, 2));
        Assert.Contains("outside a column of 3 values", error.Message);
    }

    [Fact]
    public void Batch_slices_and_selects_by_name()
    {
        var schema = new Schema(new Field("id", DataType.Int64, nullable: false), new Field("name", DataType.Utf8));
        using var batch = new RecordBatch(schema, [PrimitiveColumn<long>.From(DataType.Int64, [1, 2, 3]), BinaryColumn.FromStrings(["x", "y", null])]);

        using var tail = batch.Slice(1, 2);
        using var names = tail.Select([1]);

        Assert.Equal(2, names.Length);
        Assert.Equal("name", names.Schema[0].Name);
        Assert.Equal("y", ((BinaryColumn)names.Column("name")).GetString(0));
    }

    [Fact]
    public void A_misspelt_column_gets_a_suggestion()
    {
        var schema = new Schema(new Field("fare", DataType.Float64), new Field("tip", DataType.Float64));

        var error = Assert.Throws<KeyNotFoundException>(() => schema.IndexOf("fair"));

        Assert.Equal("column 'fair' not found; did you mean 'fare'?", error.Message);
    }
}
