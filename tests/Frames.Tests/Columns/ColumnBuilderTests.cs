using FramesNet.Columns;

namespace FramesNet.Tests.Columns;

public class ColumnBuilderTests
{
    [Fact]
    public void Primitive_builder_keeps_values_and_nulls()
    {
        var builder = new PrimitiveColumnBuilder<long>(DataType.Int64, capacity: 2);
        for (var i = 0; i < 1000; i++)
        {
            if (i % 7 == 0) builder.AppendNull();
            else builder.Append(i * 3L);
        }
        var column = builder.Build();

        Assert.Equal(1000, column.Length);
        Assert.Equal(143, column.NullCount);
        Assert.True(column.IsNull(0));
        Assert.Equal(3L, column[1]);
        Assert.Equal(2997L, column.GetNullable(999));
        Assert.Null(column.GetNullable(994));
    }

    [Fact]
    public void A_column_without_nulls_carries_no_validity_bitmap()
    {
        var builder = new PrimitiveColumnBuilder<double>(DataType.Float64);
        builder.AppendRange([1.5, 2.5, 3.5]);
        var column = builder.Build();

        Assert.True(column.Validity.IsEmpty);
        Assert.Equal(0, column.NullCount);
        Assert.Equal([1.5, 2.5, 3.5], column.Values.ToArray());
    }

    [Fact]
    public void Binary_builder_builds_utf8_with_offsets()
    {
        var column = BinaryColumn.FromStrings(["héllo", null, "", "wörld"]);

        Assert.Equal(4, column.Length);
        Assert.Equal(1, column.NullCount);
        Assert.Equal("héllo", column.GetString(0));
        Assert.Null(column.GetNullableString(1));
        Assert.Equal("", column.GetString(2));
        Assert.Equal("wörld", column.GetString(3));
        Assert.Equal([0, 6, 6, 6, 12], column.Offsets.ToArray());
        Assert.Null(column.CheckOffsets());
    }

    [Fact]
    public void Boolean_builder_packs_bits()
    {
        var builder = new BooleanColumnBuilder();
        builder.Append(true);
        builder.Append(false);
        builder.AppendNull();
        builder.Append(true);
        var column = builder.Build();

        Assert.Equal([true, false, null, true], Enumerable.Range(0, 4).Select(column.GetNullable));
        Assert.Equal(2, column.CountTrue());
    }

    [Fact]
    public void Builders_for_every_type_accept_boxed_values()
    {
        var cases = new (DataType Type, object Value, string Text)[]
        {
            (DataType.Int8, (sbyte)-5, "-5"),
            (DataType.UInt16, 65535, "65535"),
            (DataType.Float32, 1.25f, "1.25"),
            (DataType.Date32, new DateOnly(2024, 2, 29), "2024-02-29"),
            (DataType.Timestamp(TimeUnit.Millisecond), new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc), "2024-01-02T03:04:05.678"),
            (DataType.Timestamp(TimeUnit.Second, "UTC"), new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc), "1969-12-31T23:59:59Z"),
            (DataType.Bool, true, "true"),
            (DataType.LargeUtf8, "big", "big"),
            (DataType.Binary, new byte[] { 0, 255 }, "00ff"),
        };
        foreach (var (type, value, text) in cases)
        {
            var builder = ColumnBuilder.Create(type);
            builder.AppendObject(value);
            builder.AppendNull();
            var column = builder.Build();
            Assert.Equal(type, column.Type);
            Assert.Equal(text, ValueFormatter.Format(column, 0));
            Assert.Null(ValueFormatter.Format(column, 1));
        }
    }
}
