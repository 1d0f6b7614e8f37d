using FramesNet.Columns;
using FramesNet.Memory;
using Microsoft.Data.Analysis;
using Microsoft.ML.Data;

namespace FramesNet.DataAnalysis.Tests;

/// <summary>Each Frames type becomes the column and the cell values the mapping says, checked cell by cell.</summary>
public class ToDataAnalysisTests
{
    private static Table TableOf(params (string Name, Column Column)[] columns)
    {
        var schema = new Schema(columns.Select(c => new Field(c.Name, c.Column.Type)));
        return new Table(schema, [new RecordBatch(schema, columns.Select(c => c.Column).ToArray())]);
    }

    private static Column Build(DataType type, params object?[] values)
    {
        var builder = ColumnBuilder.Create(type, values.Length);
        foreach (var value in values)
            builder.AppendObject(value);
        return builder.Build();
    }

    [Fact]
    public void Integers_and_floats_keep_their_width_values_and_nulls()
    {
        var table = TableOf(
            ("i8", Build(DataType.Int8, (sbyte)-128, null, (sbyte)127)),
            ("i16", Build(DataType.Int16, (short)-32768, (short)7, null)),
            ("i32", Build(DataType.Int32, null, int.MinValue, int.MaxValue)),
            ("i64", Build(DataType.Int64, long.MinValue, 0L, long.MaxValue)),
            ("u8", Build(DataType.UInt8, (byte)255, (byte)0, null)),
            ("u16", Build(DataType.UInt16, (ushort)65535, null, (ushort)1)),
            ("u32", Build(DataType.UInt32, uint.MaxValue, 2u, 3u)),
            ("u64", Build(DataType.UInt64, ulong.MaxValue, null, 9ul)),
            ("f32", Build(DataType.Float32, 1.5f, float.NaN, null)),
            ("f64", Build(DataType.Float64, null, -0.25, double.PositiveInfinity)));

        var df = table.ToDataAnalysis();

        Assert.IsType<SByteDataFrameColumn>(df["i8"]);
        Assert.IsType<Int16DataFrameColumn>(df["i16"]);
        Assert.IsType<Int32DataFrameColumn>(df["i32"]);
        Assert.IsType<Int64DataFrameColumn>(df["i64"]);
        Assert.IsType<ByteDataFrameColumn>(df["u8"]);
        Assert.IsType<UInt16DataFrameColumn>(df["u16"]);
        Assert.IsType<UInt32DataFrameColumn>(df["u32"]);
        Assert.IsType<UInt64DataFrameColumn>(df["u64"]);
        Assert.IsType<SingleDataFrameColumn>(df["f32"]);
        Assert.IsType<DoubleDataFrameColumn>(df["f64"]);
        Assert.Equal(new object?[] { (sbyte)-128, null, (sbyte)127 }, Cells(df["i8"]));
        Assert.Equal(new object?[] { (short)-32768, (short)7, null }, Cells(df["i16"]));
        Assert.Equal(new object?[] { null, int.MinValue, int.MaxValue }, Cells(df["i32"]));
        Assert.Equal(new object?[] { long.MinValue, 0L, long.MaxValue }, Cells(df["i64"]));
        Assert.Equal(new object?[] { (byte)255, (byte)0, null }, Cells(df["u8"]));
        Assert.Equal(new object?[] { (ushort)65535, null, (ushort)1 }, Cells(df["u16"]));
        Assert.Equal(new object?[] { uint.MaxValue, 2u, 3u }, Cells(df["u32"]));
        Assert.Equal(new object?[] { ulong.MaxValue, null, 9ul }, Cells(df["u64"]));
        Assert.Equal(new object?[] { 1.5f, float.NaN, null }, Cells(df["f32"]));
        Assert.Equal(new object?[] { null, -0.25, double.PositiveInfinity }, Cells(df["f64"]));
        Assert.Equal(1, df["i8"].NullCount);
        Assert.Equal(0, df["i64"].NullCount);
        // The package computes on what it got: the sum skips the null.
        Assert.Equal(-1L, Convert.ToInt64(df["i32"].Sum()));
    }

    [Fact]
    public void Bools_strings_and_a_null_column_become_their_columns()
    {
        var table = TableOf(
            ("flag", Build(DataType.Bool, true, null, false, true)),
            ("text", Build(DataType.Utf8, "été", "", null, "日本")),
            ("large", Build(DataType.LargeUtf8, null, "x", "🙂", "y")),
            ("nothing", new NullColumn(4)));

        var df = table.ToDataAnalysis();

        Assert.IsType<BooleanDataFrameColumn>(df["flag"]);
        Assert.Equal(new object?[] { true, null, false, true }, Cells(df["flag"]));
        Assert.IsType<StringDataFrameColumn>(df["text"]);
        Assert.Equal(new object?[] { "été", "", null, "日本" }, Cells(df["text"]));
        Assert.Equal(new object?[] { null, "x", "🙂", "y" }, Cells(df["large"]));
        Assert.IsType<StringDataFrameColumn>(df["nothing"]);
        Assert.Equal(4, df["nothing"].NullCount);
    }

    [Fact]
    public void Dates_are_midnight_and_timestamps_instants_with_a_zone_or_wall_clocks_without()
    {
        var table = TableOf(
            ("day", Build(DataType.Date32, Temporal.DaysFromDate(new DateOnly(2024, 2, 29)), null, Temporal.DaysFromDate(new DateOnly(1, 1, 1)))),
            ("local", Build(DataType.Timestamp(TimeUnit.Second), 0L, 1_700_000_000L, null)),
            ("utc", Build(DataType.Timestamp(TimeUnit.Millisecond, "UTC"), -1L, null, 86_400_000L)),
            ("paris", Build(DataType.Timestamp(TimeUnit.Microsecond, "Europe/Paris"), 1_500_000L, 2L, null)),
            ("nanos", Build(DataType.Timestamp(TimeUnit.Nanosecond), 1_234_567L, -1L, null)));

        var df = table.ToDataAnalysis();

        Assert.IsType<DateTimeDataFrameColumn>(df["day"]);
        Assert.Equal(new object?[] { new DateTime(2024, 2, 29), null, DateTime.MinValue }, Cells(df["day"]));
        Assert.Equal(DateTimeKind.Unspecified, ((DateTime)df["day"][0]).Kind);
        Assert.Equal(new object?[] { new DateTime(1970, 1, 1), new DateTime(2023, 11, 14, 22, 13, 20), null }, Cells(df["local"]));
        Assert.Equal(DateTimeKind.Unspecified, ((DateTime)df["local"][1]).Kind);
        Assert.Equal(new DateTime(1969, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc), df["utc"][0]);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)df["utc"][0]).Kind);
        Assert.Equal(new DateTime(1970, 1, 2, 0, 0, 0, DateTimeKind.Utc), df["utc"][2]);
        // A zoned timestamp is the instant, in UTC, whatever the zone.
        Assert.Equal(new DateTime(1970, 1, 1, 0, 0, 1, 500, DateTimeKind.Utc), df["paris"][0]);
        Assert.Equal(DateTime.UnixEpoch.AddTicks(20), df["paris"][1]);
        // Lossy: nanoseconds are truncated (floored) to 100 ns ticks.
        Assert.Equal(new DateTime(1970, 1, 1).AddTicks(12_345), df["nanos"][0]);
        Assert.Equal(new DateTime(1970, 1, 1).AddTicks(-1), df["nanos"][1]);
    }

    [Fact]
    public void Dictionaries_are_decoded_to_their_values()
    {
        var entries = BinaryColumn.FromStrings(["red", "green", null]);
        var indices = ArrowBuffer.CopyOf<short>([1, 0, 2, 1, 0]);
        var validity = PrimitiveColumn<int>.From(DataType.Int32, [0, 0, 0, 0, 0], [true, false, true, true, true]).Validity;
        var strings = new DictionaryColumn(DataType.Dictionary(DataType.Int16, DataType.Utf8), 5, indices, entries, validity);
        var numbers = new DictionaryColumn(DataType.Dictionary(DataType.UInt8, DataType.Float64), 5, ArrowBuffer.CopyOf<byte>([1, 1, 0, 0, 1]),
            Build(DataType.Float64, 2.5, -1.0));

        var df = TableOf(("color", strings), ("weight", numbers)).ToDataAnalysis();

        Assert.IsType<StringDataFrameColumn>(df["color"]);
        // Row 1 is null by validity, row 2 by pointing at the null dictionary entry.
        Assert.Equal(new object?[] { "green", null, null, "green", "red" }, Cells(df["color"]));
        Assert.IsType<DoubleDataFrameColumn>(df["weight"]);
        Assert.Equal(new object?[] { -1.0, -1.0, 2.5, 2.5, -1.0 }, Cells(df["weight"]));
    }

    [Fact]
    public void Binary_values_become_byte_vectors()
    {
        var table = TableOf(("b", Build(DataType.Binary, new byte[] { 1, 2 }, Array.Empty<byte>(), new byte[] { 255 })),
            ("lb", Build(DataType.LargeBinary, new byte[] { 9 }, new byte[] { 8, 7 }, Array.Empty<byte>())));

        var df = table.ToDataAnalysis();

        var column = Assert.IsType<VBufferDataFrameColumn<byte>>(df["b"]);
        Assert.Equal(new byte[] { 1, 2 }, column[0].DenseValues().ToArray());
        Assert.Empty(column[1].DenseValues());
        Assert.Equal(new byte[] { 255 }, column[2].DenseValues().ToArray());
        Assert.Equal(new byte[] { 8, 7 }, ((VBufferDataFrameColumn<byte>)df["lb"])[1].DenseValues().ToArray());
    }

    [Fact]
    public void A_null_binary_value_is_refused_naming_the_column_and_row()
    {
        var table = TableOf(("payload", Build(DataType.Binary, new byte[] { 1 }, null)));

        var error = Assert.Throws<ArgumentException>(() => table.ToDataAnalysis());

        Assert.Contains("column 'payload' row 1", error.Message);
        Assert.Contains("VBufferDataFrameColumn<byte> cannot hold", error.Message);
    }

    [Fact]
    public void A_date_outside_DateTime_is_refused_naming_the_column_row_and_value()
    {
        var table = TableOf(("when", Build(DataType.Date32, 0, Temporal.DaysFromDate(DateOnly.MinValue) - 1)));

        var error = Assert.Throws<ArgumentException>(() => table.ToDataAnalysis());

        Assert.Contains("column 'when' row 1: date32 value", error.Message);
        Assert.Contains("years 1–9999", error.Message);
    }

    [Fact]
    public void A_timestamp_outside_DateTime_is_refused()
    {
        var table = TableOf(("t", Build(DataType.Timestamp(TimeUnit.Second, "UTC"), null, long.MaxValue / 2)));

        var error = Assert.Throws<ArgumentException>(() => table.ToDataAnalysis());

        Assert.Contains("column 't' row 1: timestamp[s, tz=UTC] value", error.Message);
    }

    [Fact]
    public void The_DataFrame_owns_its_values_after_the_batches_are_disposed()
    {
        var table = TableOf(("n", Build(DataType.Int64, 1L, 2L, 3L)));
        var df = table.ToDataAnalysis();

        foreach (var batch in table.Batches)
            batch.Dispose();
        var reuse = TableOf(("m", Build(DataType.Int64, 7L, 7L, 7L)));

        Assert.Equal(new object?[] { 1L, 2L, 3L }, Cells(df["n"]));
        GC.KeepAlive(reuse);
    }

    private static object?[] Cells(DataFrameColumn column)
    {
        var cells = new object?[column.Length];
        for (var i = 0; i < cells.Length; i++)
            cells[i] = column[i];
        return cells;
    }
}
