using FramesNet.Columns;
using A = Apache.Arrow;

namespace FramesNet.Tests.Formats.Arrow.Support;

/// <summary>
/// A table with a column of every type Frames and Apache.Arrow C# both hold, written out as literal cells: nulls in
/// every column, extreme integers, float specials, unicode and empty strings, dates and timestamps far from the
/// epoch, dictionaries (one with a null entry). Batches: 7 rows, 0 rows, rows 2..5 of the first as a slice (buffers
/// with an offset), and the first reversed. Each side builds its own batches from the cells.
/// </summary>
internal static class EveryTypeTable
{
    private static readonly string?[] Words = ["x", "yy", "", null];
    private static readonly long[] DictionaryInts = [10, -5];

    private static readonly (string Name, DataType Type, object?[] Cells)[] Plain =
    [
        ("null", DataType.Null, [null, null, null, null, null, null, null]),
        ("bool", DataType.Bool, [true, null, false, true, false, null, true]),
        ("i8", DataType.Int8, [sbyte.MinValue, (sbyte)-1, null, (sbyte)0, (sbyte)1, sbyte.MaxValue, (sbyte)7]),
        ("i16", DataType.Int16, [short.MinValue, (short)-1, null, (short)0, (short)1, short.MaxValue, (short)7]),
        ("i32", DataType.Int32, [int.MinValue, -1, null, 0, 1, int.MaxValue, 7]),
        ("i64", DataType.Int64, [long.MinValue, -1L, null, 0L, 1L, long.MaxValue, 7L]),
        ("u8", DataType.UInt8, [(byte)0, (byte)1, null, byte.MaxValue, (byte)2, (byte)3, (byte)4]),
        ("u16", DataType.UInt16, [(ushort)0, (ushort)1, null, ushort.MaxValue, (ushort)2, (ushort)3, (ushort)4]),
        ("u32", DataType.UInt32, [0u, 1u, null, uint.MaxValue, 2u, 3u, 4u]),
        ("u64", DataType.UInt64, [0ul, 1ul, null, ulong.MaxValue, 2ul, 3ul, 4ul]),
        ("f32", DataType.Float32, [1.5f, float.NaN, null, float.NegativeInfinity, -0.0f, float.MaxValue, float.Epsilon]),
        ("f64", DataType.Float64, [1.5, double.NaN, null, double.PositiveInfinity, -0.0, double.MinValue, double.Epsilon]),
        ("utf8", DataType.Utf8, ["", "héllo", null, "日本", "🎉x", "nul\0", "a"]),
        ("large_utf8", DataType.LargeUtf8, ["a", null, "", "ß", "tab\t", "quote\"", "ZZZZZZZZZZZZ"]),
        ("binary", DataType.Binary, [Array.Empty<byte>(), new byte[] { 0 }, null, new byte[] { 255, 0, 1 }, new byte[] { 7 }, Array.Empty<byte>(), new byte[] { 1, 2 }]),
        ("large_binary", DataType.LargeBinary, [new byte[] { 9 }, null, Array.Empty<byte>(), new byte[] { 0, 0 }, new byte[] { 128 }, new byte[] { 3 }, null]),
        ("date32", DataType.Date32, [0, -1, null, 19000, -719162, 2932896, 1]),
        ("ts_s", DataType.Timestamp(TimeUnit.Second), [0L, -1L, null, 253402300799L, -62135596800L, 1L, 86400L]),
        ("ts_ms_utc", DataType.Timestamp(TimeUnit.Millisecond, "UTC"), [0L, null, -1L, 1_700_000_000_123L, -86_400_000L, 5L, 6L]),
        ("ts_us_paris", DataType.Timestamp(TimeUnit.Microsecond, "Europe/Paris"), [1L, 2L, null, -1L, 1_700_000_000_123_456L, 0L, 3L]),
        ("ts_ns", DataType.Timestamp(TimeUnit.Nanosecond), [long.MaxValue, long.MinValue + 1, null, 0L, -1L, 1L, 999_999_999L]),
    ];

    private static readonly int?[] WordIndices = [0, 1, null, 2, 0, 3, 1];
    private static readonly int?[] IntIndices = [1, 0, 0, null, 1, 0, 0];

    public static Schema Schema { get; } = new(
        Plain.Select(c => new Field(c.Name, c.Type))
            .Append(new Field("dict_utf8", DataType.Dictionary(DataType.Int32, DataType.Utf8)))
            .Append(new Field("dict_i64", DataType.Dictionary(DataType.Int8, DataType.Int64, ordered: true))),
        new Dictionary<string, string> { ["table"] = "every type" });

    /// <summary>The expected cells of each batch, column by column (dictionaries spelled out).</summary>
    public static IReadOnlyList<object?[][]> Expected()
    {
        var full = Plain.Select(c => c.Cells)
            .Append(WordIndices.Select(i => i is { } k ? (object?)Words[k] : null).ToArray())
            .Append(IntIndices.Select(i => i is { } k ? (object?)DictionaryInts[k] : null).ToArray())
            .ToArray();
        return
        [
            full,
            full.Select(_ => Array.Empty<object?>()).ToArray(),
            full.Select(c => c[2..6]).ToArray(),
            full.Select(c => c.Reverse().ToArray()).ToArray(),
        ];
    }

    /// <summary>The batches as Frames builds them (the third a slice of the first).</summary>
    public static List<RecordBatch> FramesBatches()
    {
        var first = FramesBatch(r => r);
        return [first, FramesBatch(null), first.Slice(2, 4), FramesBatch(r => 6 - r)];
    }

    /// <summary>The batches as Apache.Arrow's builders make them (the third a slice of the first).</summary>
    public static List<A.RecordBatch> ApacheBatches()
    {
        var first = ApacheBatch(r => r);
        return [first, ApacheBatch(null), first.Slice(2, 4), ApacheBatch(r => 6 - r)];
    }

    private static RecordBatch FramesBatch(Func<int, int>? row)
    {
        var rows = row is null ? 0 : 7;
        var columns = new List<Column>();
        foreach (var (_, type, cells) in Plain)
        {
            var builder = ColumnBuilder.Create(type);
            for (var r = 0; r < rows; r++)
                builder.AppendObject(cells[row!(r)]);
            columns.Add(builder.Build());
        }
        columns.Add(FramesDictionary(DataType.Dictionary(DataType.Int32, DataType.Utf8), WordIndices, rows, row,
            BinaryColumn.FromStrings(Words)));
        var ints = ColumnBuilder.Create(DataType.Int64);
        foreach (var value in DictionaryInts)
            ints.AppendObject(value);
        columns.Add(FramesDictionary(DataType.Dictionary(DataType.Int8, DataType.Int64, ordered: true), IntIndices, rows, row, ints.Build()));
        return new RecordBatch(Schema, columns, rows);
    }

    private static DictionaryColumn FramesDictionary(DataType type, int?[] indices, int rows, Func<int, int>? row, Column dictionary)
    {
        var builder = ColumnBuilder.Create(type.IndexType!);
        for (var r = 0; r < rows; r++)
            builder.AppendObject(indices[row!(r)] is { } k ? Convert.ChangeType(k, IndexClr(type.IndexType!)) : null);
        var built = builder.Build();
        return new DictionaryColumn(type, rows, built.Buffers[1], dictionary, built.Validity);
    }

    /// <summary>One instance for every batch: Apache.Arrow's IPC writer finds a batch's dictionaries by the writer's schema's field objects.</summary>
    public static A.Schema ApacheSchema { get; } = ApachePeer.Schema(Schema);

    private static A.RecordBatch ApacheBatch(Func<int, int>? row)
    {
        var rows = row is null ? 0 : 7;
        var arrays = new List<A.IArrowArray>();
        foreach (var (_, type, cells) in Plain)
            arrays.Add(ApachePeer.Array(type, Enumerable.Range(0, rows).Select(r => cells[row!(r)]).ToArray()));
        arrays.Add(new A.DictionaryArray(new Apache.Arrow.Types.DictionaryType(Apache.Arrow.Types.Int32Type.Default, Apache.Arrow.Types.StringType.Default, false),
            ApachePeer.Array(DataType.Int32, Enumerable.Range(0, rows).Select(r => (object?)WordIndices[row!(r)]).ToArray()),
            ApachePeer.Array(DataType.Utf8, Words)));
        arrays.Add(new A.DictionaryArray(new Apache.Arrow.Types.DictionaryType(Apache.Arrow.Types.Int8Type.Default, Apache.Arrow.Types.Int64Type.Default, true),
            ApachePeer.Array(DataType.Int8, Enumerable.Range(0, rows).Select(r => IntIndices[row!(r)] is { } k ? (object?)(sbyte)k : null).ToArray()),
            ApachePeer.Array(DataType.Int64, DictionaryInts.Cast<object?>().ToArray())));
        return new A.RecordBatch(ApacheSchema, arrays, rows);
    }

    private static Type IndexClr(DataType type) => type.Id == TypeId.Int8 ? typeof(sbyte) : typeof(int);

    /// <summary>Asserts cell by cell that <paramref name="actual"/> holds <paramref name="expected"/>, naming batch, column and row.</summary>
    public static void AssertCells(IReadOnlyList<object?[][]> expected, IReadOnlyList<object?[][]> actual, Schema schema, string context)
    {
        Assert.True(expected.Count == actual.Count, $"{context}: {actual.Count} batches, expected {expected.Count}");
        for (var b = 0; b < expected.Count; b++)
        {
            Assert.True(expected[b].Length == actual[b].Length, $"{context}: batch {b} has {actual[b].Length} columns, expected {expected[b].Length}");
            for (var c = 0; c < expected[b].Length; c++)
            {
                Assert.True(expected[b][c].Length == actual[b][c].Length,
                    $"{context}: batch {b} column '{schema[c].Name}' has {actual[b][c].Length} rows, expected {expected[b][c].Length}");
                for (var r = 0; r < expected[b][c].Length; r++)
                    Assert.True(SameCell(expected[b][c][r], actual[b][c][r]),
                        $"{context}: batch {b} column '{schema[c].Name}' row {r}: {Show(actual[b][c][r])}, expected {Show(expected[b][c][r])}");
            }
        }
    }

    private static bool SameCell(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (byte[] e, byte[] a) => e.AsSpan().SequenceEqual(a),
        (double e, double a) => BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a),
        (float e, float a) => BitConverter.SingleToInt32Bits(e) == BitConverter.SingleToInt32Bits(a),
        _ => Equals(expected, actual),
    };

    private static string Show(object? cell) => cell switch
    {
        null => "null",
        byte[] bytes => $"bytes[{Convert.ToHexString(bytes)}]",
        _ => $"{cell} ({cell.GetType().Name})",
    };
}
