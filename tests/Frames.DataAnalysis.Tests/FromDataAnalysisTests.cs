using FramesNet.Columns;
using Microsoft.Data.Analysis;
using Microsoft.ML.Data;

namespace FramesNet.DataAnalysis.Tests;

/// <summary>DataFrames built with the package's own API become the Frames columns and values the mapping says.</summary>
public class FromDataAnalysisTests
{
    [Fact]
    public void Each_column_of_the_package_gets_its_Frames_type_and_values()
    {
        var df = new Microsoft.Data.Analysis.DataFrame(
            new BooleanDataFrameColumn("flag", [true, null, false]),
            new SByteDataFrameColumn("i8", [(sbyte)-1, null, (sbyte)5]),
            new Int16DataFrameColumn("i16", [(short)1, (short)2, null]),
            new Int32DataFrameColumn("i32", [null, 7, int.MaxValue]),
            new Int64DataFrameColumn("i64", [long.MinValue, 0L, 1L]),
            new ByteDataFrameColumn("u8", [(byte)200, null, (byte)0]),
            new UInt16DataFrameColumn("u16", [(ushort)1, (ushort)2, (ushort)3]),
            new UInt32DataFrameColumn("u32", [uint.MaxValue, null, 0u]),
            new UInt64DataFrameColumn("u64", [ulong.MaxValue, 1ul, null]),
            new SingleDataFrameColumn("f32", [0.5f, null, float.NaN]),
            new DoubleDataFrameColumn("f64", [null, 1e300, -2.0]),
            new DecimalDataFrameColumn("money", [1.25m, null, 79228162514264337593543950335m]),
            new CharDataFrameColumn("letter", ['x', null, 'é']),
            new DateTimeDataFrameColumn("when", [new DateTime(2024, 5, 6, 7, 8, 9).AddTicks(1234), null, DateTime.MinValue]),
            new StringDataFrameColumn("text", ["a", null, "日本"]),
            new VBufferDataFrameColumn<byte>("bytes", [new VBuffer<byte>(2, [3, 4]), new VBuffer<byte>(0, []), new VBuffer<byte>(1, [9])]));

        var table = df.ToFramesTable();

        Assert.Equal(
            ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64", "float64", "utf8",
             "timestamp[us]", "utf8", "binary"],
            table.Schema.Fields.Select(f => f.Type.ToString()));
        Assert.Single(table.Batches);
        Assert.Equal(new object?[] { true, null, false }, Cells(table, "flag"));
        Assert.Equal(new object?[] { (sbyte)-1, null, (sbyte)5 }, Cells(table, "i8"));
        Assert.Equal(new object?[] { (short)1, (short)2, null }, Cells(table, "i16"));
        Assert.Equal(new object?[] { null, 7, int.MaxValue }, Cells(table, "i32"));
        Assert.Equal(new object?[] { long.MinValue, 0L, 1L }, Cells(table, "i64"));
        Assert.Equal(new object?[] { (byte)200, null, (byte)0 }, Cells(table, "u8"));
        Assert.Equal(new object?[] { (ushort)1, (ushort)2, (ushort)3 }, Cells(table, "u16"));
        Assert.Equal(new object?[] { uint.MaxValue, null, 0u }, Cells(table, "u32"));
        Assert.Equal(new object?[] { ulong.MaxValue, 1ul, null }, Cells(table, "u64"));
        Assert.Equal(new object?[] { 0.5f, null, float.NaN }, Cells(table, "f32"));
        Assert.Equal(new object?[] { null, 1e300, -2.0 }, Cells(table, "f64"));
        // Lossy: decimals become the nearest float64.
        Assert.Equal(new object?[] { 1.25, null, 7.922816251426434E+28 }, Cells(table, "money"));
        Assert.Equal(new object?[] { "x", null, "é" }, Cells(table, "letter"));
        // Lossy: DateTime's sub-microsecond ticks are dropped (floored) in timestamp[us].
        var micros = (new DateTime(2024, 5, 6, 7, 8, 9) - DateTime.UnixEpoch).Ticks / 10 + 123;
        Assert.Equal(new object?[] { micros, null, (DateTime.MinValue - DateTime.UnixEpoch).Ticks / 10 }, Cells(table, "when"));
        Assert.Equal(new object?[] { "a", null, "日本" }, Cells(table, "text"));
        Assert.Equal(new object?[] { new byte[] { 3, 4 }, Array.Empty<byte>(), new byte[] { 9 } }, Cells(table, "bytes"));
    }

    [Fact]
    public void A_schema_restores_dates_units_zones_dictionaries_and_large_strings()
    {
        var day = new DateTime(2024, 2, 29);
        var df = new Microsoft.Data.Analysis.DataFrame(
            new DateTimeDataFrameColumn("day", [day, null, day.AddDays(-20_000).AddHours(5)]),
            new DateTimeDataFrameColumn("at", [DateTime.UnixEpoch.AddMilliseconds(1500.7), null, new DateTime(1960, 1, 1, 0, 0, 0, DateTimeKind.Utc)]),
            new DateTimeDataFrameColumn("ns", [DateTime.UnixEpoch.AddTicks(3), null, DateTime.UnixEpoch.AddTicks(-3)]),
            new StringDataFrameColumn("city", ["Oslo", "Lima", null]),
            new StringDataFrameColumn("note", ["x", null, ""]),
            new StringDataFrameColumn("empty", 3),
            new Int64DataFrameColumn("extra", [1L, 2L, 3L]));
        var schema = new Schema(
            new Field("day", DataType.Date32), new Field("at", DataType.Timestamp(TimeUnit.Millisecond, "UTC")),
            new Field("ns", DataType.Timestamp(TimeUnit.Nanosecond)), new Field("city", DataType.Dictionary(DataType.UInt8, DataType.Utf8)),
            new Field("note", DataType.LargeUtf8), new Field("empty", DataType.Null));

        var table = df.ToFramesTable(schema);

        Assert.Equal([.. schema.Fields, new Field("extra", DataType.Int64)], table.Schema.Fields);
        Assert.Equal(new object?[] { Temporal.DaysFromDate(new DateOnly(2024, 2, 29)), null, Temporal.DaysFromDate(new DateOnly(2024, 2, 29)) - 20_000 },
            Cells(table, "day"));
        Assert.Equal(new object?[] { 1500L, null, -315_619_200_000L }, Cells(table, "at"));
        Assert.Equal(new object?[] { 300L, null, -300L }, Cells(table, "ns"));
        var city = Assert.IsType<DictionaryColumn>(table.Batches[0].Column("city"));
        Assert.Equal(2, city.DictionaryValues.Length);
        Assert.Equal(new object?[] { "Oslo", "Lima", null }, Cells(table, "city"));
        Assert.IsType<LargeBinaryColumn>(table.Batches[0].Column("note"));
        Assert.Equal(new object?[] { "x", null, "" }, Cells(table, "note"));
        Assert.Equal(new object?[] { null, null, null }, Cells(table, "empty"));
    }

    [Fact]
    public void A_column_that_does_not_give_the_schema_type_is_refused_naming_both()
    {
        var df = new Microsoft.Data.Analysis.DataFrame(new Int64DataFrameColumn("id", [1L, 2L]));

        var error = Assert.Throws<ArgumentException>(() => df.ToFramesTable(new Schema(new Field("id", DataType.Int32))));

        Assert.Equal("column 'id' is a Int64DataFrameColumn of Int64 in the DataFrame, but the schema says int32, which takes Int32 values", error.Message);
    }

    [Fact]
    public void A_schema_naming_a_column_the_DataFrame_lacks_is_refused()
    {
        var df = new Microsoft.Data.Analysis.DataFrame(new Int64DataFrameColumn("id", [1L]));

        var error = Assert.Throws<ArgumentException>(() => df.ToFramesTable(new Schema(new Field("ident", DataType.Int64))));

        Assert.StartsWith("the schema names 'ident' but the DataFrame has no such column; its columns are 'id'", error.Message);
    }

    [Fact]
    public void A_null_column_with_values_is_refused()
    {
        var df = new Microsoft.Data.Analysis.DataFrame(new StringDataFrameColumn("n", [null, "x"]));

        var error = Assert.Throws<ArgumentException>(() => df.ToFramesTable(new Schema(new Field("n", DataType.Null))));

        Assert.Equal("column 'n': the schema says null but 1 of its 2 values are not null", error.Message);
    }

    [Fact]
    public void Nulls_in_a_column_the_schema_says_is_not_null_are_refused()
    {
        var df = new Microsoft.Data.Analysis.DataFrame(new Int64DataFrameColumn("id", [1L, null, null]));

        var error = Assert.Throws<ArgumentException>(() => df.ToFramesTable(new Schema(new Field("id", DataType.Int64, nullable: false))));

        Assert.Equal("column 'id': the schema says int64 not null but 2 of its values are null", error.Message);
    }

    [Fact]
    public void A_column_type_with_no_Frames_type_is_refused_naming_it()
    {
        var df = new Microsoft.Data.Analysis.DataFrame(new VBufferDataFrameColumn<float>("features", [new VBuffer<float>(1, [1f])]));

        var error = Assert.Throws<ArgumentException>(() => df.ToFramesTable());

        Assert.StartsWith("column 'features': a VBufferDataFrameColumn`1 of VBuffer`1 has no Frames type; supported: bool, sbyte", error.Message);
    }

    [Fact]
    public void Too_many_distinct_values_for_the_dictionary_index_type_are_refused()
    {
        var df = new Microsoft.Data.Analysis.DataFrame(new StringDataFrameColumn("k", Enumerable.Range(0, 200).Select(i => $"v{i}")));

        var error = Assert.Throws<ArgumentException>(() => df.ToFramesTable(new Schema(new Field("k", DataType.Dictionary(DataType.Int8, DataType.Utf8)))));

        Assert.Contains("column 'k': 200 distinct values cannot be addressed by the int8 indices", error.Message);
    }

    [Fact]
    public void An_Arrow_string_column_and_an_empty_DataFrame_convert()
    {
        // Built from Arrow buffers ("one", null): the package's Append on this column type leaves its length at 0 (0.24.0).
        var arrow = new ArrowStringDataFrameColumn("s", "one"u8.ToArray(), new byte[] { 0, 0, 0, 0, 3, 0, 0, 0, 3, 0, 0, 0 }, new byte[] { 0b01 }, 2, 1);
        var strings = new Microsoft.Data.Analysis.DataFrame(arrow).ToFramesTable();
        var empty = new Microsoft.Data.Analysis.DataFrame(new Int32DataFrameColumn("n", 0), new StringDataFrameColumn("s", 0)).ToFramesTable();

        Assert.Equal(new object?[] { "one", null }, Cells(strings, "s"));
        Assert.Equal(0, empty.RowCount);
        Assert.Equal(new Schema(new Field("n", DataType.Int32), new Field("s", DataType.Utf8)), empty.Schema);
    }

    private static object?[] Cells(Table table, string column)
    {
        var values = table.Batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(r => b.Column(column).GetValue(r))).ToArray();
        return values;
    }
}
