using FramesNet.Columns;
using FramesNet.Formats.Parquet;
using static FramesNet.Frames;

namespace FramesNet.Tests.Formats.Parquet;

/// <summary>
/// Parquet interop against an independent engine (DuckDB): files DuckDB writes read in Frames with exactly DuckDB's
/// values, and files Frames writes read back in DuckDB with equal values — type by type, with nulls, several row groups.
/// </summary>
public class DuckDbParquetInteropTests : IDisposable
{
    private readonly ParquetTestFiles _files = new();

    /// <summary>DuckDB's table of every type it writes that Frames reads: (column, DuckDB expression, canonical expression for the comparison, Frames type).</summary>
    private static readonly (string Name, string Sql, string Expected, string FramesType)[] Columns =
    [
        ("b", "i % 2 = 0", "b", "bool"),
        ("i8", "(i % 200 - 100)::TINYINT", "i8", "int8"),
        ("i16", "(i * 3 - 7000)::SMALLINT", "i16", "int16"),
        ("i32", "(i * 100003 - 250000000)::INTEGER", "i32", "int32"),
        ("i64", "(i * 1000000007 - 3)::BIGINT", "i64", "int64"),
        ("u8", "(i % 250)::UTINYINT", "u8", "uint8"),
        ("u16", "(i * 13 % 65000)::USMALLINT", "u16", "uint16"),
        ("u32", "(i * 800000)::UINTEGER", "u32", "uint32"),
        ("u64", "i::UBIGINT * 3000000000000000", "u64", "uint64"),
        ("f32", "(i / 7.0)::FLOAT", "f32", "float32"),
        ("f64", "(i / 3.0 - 100)::DOUBLE", "f64", "float64"),
        ("s", "'name-' || i || '-é'", "s", "utf8"),
        ("low", "['CMT', 'VTS', 'DDS'][i % 3 + 1]", "low", "utf8"),
        ("bin", "encode('b' || i)", "bin", "binary"),
        ("d", "DATE '1960-01-01' + (i * 11)::INTEGER", "(d - DATE '1970-01-01')::BIGINT", "date32"),
        ("ts", "TIMESTAMP '1965-03-01 00:00:00' + to_microseconds(i * 98765432123)", "epoch_us(ts)", "timestamp[us]"),
        ("ts_ms", "(TIMESTAMP '2020-01-01 00:00:00' + to_milliseconds(i * 12345))::TIMESTAMP_MS", "epoch_ms(ts_ms)", "timestamp[ms]"),
        ("ts_ns", "(TIMESTAMP '2020-01-01 00:00:00' + to_microseconds(i * 1234567))::TIMESTAMP_NS", "epoch_ns(ts_ns)", "timestamp[ns]"),
        ("tstz", "(TIMESTAMP '2021-06-01 12:00:00' + to_microseconds(i * 7777))::TIMESTAMPTZ", "epoch_us(tstz)", "timestamp[us, tz=UTC]"),
        ("dec9", "(i * 1.25)::DECIMAL(9,2)", "dec9::DOUBLE", "float64"),
        ("dec18", "(i * 1234.567)::DECIMAL(18,3)", "dec18::DOUBLE", "float64"),
        ("dec38", "(i * 12345.6789)::DECIMAL(38,4)", "dec38::DOUBLE", "float64"),
    ];

    private const int Rows = 5000;

    private static string Table() =>
        $"CREATE TABLE t AS SELECT i::BIGINT AS id, " +
        string.Join(", ", Columns.Select((c, k) => $"CASE WHEN i % {k + 5} = {k % 3} THEN NULL ELSE {c.Sql} END AS {c.Name}")) +
        $" FROM range(0, {Rows}) r(i)";

    [Fact]
    public void A_file_DuckDB_writes_with_every_type_reads_in_Frames_with_DuckDBs_values()
    {
        var path = _files.PathOf("duck.parquet");
        ParquetTestFiles.DuckDb(Table(), $"COPY t TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 1024)");

        var frame = ReadParquet(path);
        var table = frame.Sort(FramesNet.Plan.SortKey.Asc("id")).Collect();

        Assert.Equal(["id", .. Columns.Select(c => c.Name)], table.ColumnNames);
        foreach (var (name, _, _, type) in Columns)
            Assert.True(table.Schema[name].Type.ToString() == type, $"column {name}: Frames type {table.Schema[name].Type}, expected {type}");
        var expected = ParquetTestFiles.DuckDbRows(Table(), $"SELECT id, {string.Join(", ", Columns.Select(c => c.Expected))} FROM t ORDER BY id");
        var actual = ParquetTestFiles.FramesRows(table);
        Assert.Equal(Rows, actual.Count);
        for (var r = 0; r < Rows; r++)
            for (var c = 0; c < expected[r].Length; c++)
                Assert.True(expected[r][c] == actual[r][c], $"row {r} column {table.Schema[c].Name}: DuckDB {expected[r][c] ?? "null"}, Frames {actual[r][c] ?? "null"}");
        Assert.True(new ParquetSource([path]).Describe().Contains("3 row groups"), new ParquetSource([path]).Describe());
    }

    [Theory]
    [InlineData(ParquetCompression.Snappy)]
    [InlineData(ParquetCompression.Zstd)]
    [InlineData(ParquetCompression.None)]
    public void A_file_Frames_writes_with_every_type_reads_back_in_DuckDB_with_equal_values(ParquetCompression compression)
    {
        var source = _files.PathOf("duck-source.parquet");
        ParquetTestFiles.DuckDb(Table(), $"COPY t TO '{source}' (FORMAT parquet)");
        var folder = _files.PathOf("frames-out");

        var written = ReadParquet(source).WriteParquet(folder, new ParquetWriteOptions { Compression = compression, RowGroupRows = 1000 });

        Assert.Equal(Rows, written.Sum(r => (long)r["rows"]!));
        var glob = Path.Combine(folder, "part-*.parquet");
        var expected = ParquetTestFiles.DuckDbRows(Table(), $"SELECT id, {string.Join(", ", Columns.Select(c => c.Expected))} FROM t ORDER BY id");
        var back = ParquetTestFiles.DuckDbRows("", $"SELECT id, {string.Join(", ", Columns.Select(c => c.Expected))} FROM (SELECT * REPLACE ({string.Join(", ", Columns.Where(c => c.Name.StartsWith("dec")).Select(c => $"{c.Name}::DOUBLE AS {c.Name}"))}) FROM read_parquet('{glob}')) t ORDER BY id");
        Assert.Equal(Rows, back.Count);
        for (var r = 0; r < Rows; r++)
            for (var c = 0; c < expected[r].Length; c++)
                Assert.True(expected[r][c] == back[r][c], $"row {r} column {c}: written {expected[r][c] ?? "null"}, DuckDB read {back[r][c] ?? "null"}");
        var compressions = ParquetTestFiles.DuckDbRows("", $"SELECT DISTINCT compression FROM parquet_metadata('{glob}')");
        Assert.Equal([compression == ParquetCompression.None ? "UNCOMPRESSED" : compression.ToString().ToUpperInvariant()], compressions.Select(r => r[0]));
        var groups = ParquetTestFiles.DuckDbRows("", $"SELECT max(row_group_num_rows) FROM parquet_metadata('{glob}')");
        Assert.Equal("1000", groups[0][0]);
    }

    [Fact]
    public void Frames_types_DuckDB_has_no_twin_for_still_round_trip_through_Frames_and_read_in_DuckDB()
    {
        var schema = new Schema(
            new Field("ts_s", DataType.Timestamp(TimeUnit.Second), true),
            new Field("ts_ns_utc", DataType.Timestamp(TimeUnit.Nanosecond, "UTC"), true),
            new Field("large", DataType.LargeUtf8, true),
            new Field("dict", DataType.Dictionary(DataType.Int32, DataType.Utf8), true));
        var batch = new RecordBatch(schema, [
            PrimitiveColumn<long>.From(schema[0].Type, [0, 1_700_000_000, -86_400], [true, true, false]),
            PrimitiveColumn<long>.From(schema[1].Type, [1000, 1_700_000_000_123_456_000, 0], [true, false, true]),
            LargeStrings(["x", null, "zzz"]),
            DictionaryOf(["a", "b", null]),
        ]);
        var folder = _files.PathOf("types");
        FromBatches(schema, [batch]).WriteParquet(folder);

        var back = ReadParquet(folder);
        // Parquet has no seconds unit (written as ms); a dictionary column reads back as its values (see docs/parquet.md).
        Assert.Equal(["ts_s:timestamp[ms]", "ts_ns_utc:timestamp[ns, tz=UTC]", "large:large_utf8", "dict:utf8"], back.Schema.Fields.Select(f => $"{f.Name}:{f.Type}"));
        var rows = ParquetTestFiles.FramesRows(back.Collect());
        Assert.Equal("0|1000|x|a", string.Join("|", rows[0])); // DuckDB holds time zone-aware timestamps in microseconds
        Assert.Equal("1700000000000|||b", string.Join("|", rows[1]));
        Assert.Equal("|0|zzz|", string.Join("|", rows[2]));
        var duck = ParquetTestFiles.DuckDbRows("", $"SELECT epoch_ms(ts_s), epoch_ns(ts_ns_utc), large, dict FROM read_parquet('{folder}/*.parquet')");
        Assert.Equal(rows.Select(r => string.Join("|", r)), duck.Select(r => string.Join("|", r)));
    }

    private static Column LargeStrings(string?[] values)
    {
        var builder = ColumnBuilder.Create(DataType.LargeUtf8, values.Length);
        foreach (var value in values)
            builder.AppendObject(value);
        return builder.Build();
    }

    private static DictionaryColumn DictionaryOf(string?[] values)
    {
        var distinct = values.Where(v => v is not null).Distinct().ToArray();
        var indices = values.Select(v => v is null ? 0 : Array.IndexOf(distinct, v)).ToArray();
        var index = PrimitiveColumn<int>.From(DataType.Int32, indices, values.Select(v => v is not null).ToArray());
        return new DictionaryColumn(DataType.Dictionary(DataType.Int32, DataType.Utf8), values.Length, index.Buffers[1], BinaryColumn.FromStrings(distinct),
            index.Validity, -1);
    }

    public void Dispose() => _files.Dispose();
}
