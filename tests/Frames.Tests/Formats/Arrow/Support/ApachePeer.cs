using FramesNet.Columns;
using A = Apache.Arrow;
using AT = Apache.Arrow.Types;

namespace FramesNet.Tests.Formats.Arrow.Support;

/// <summary>
/// Apache.Arrow C# as a conformance peer: builds its arrays with its own builders from plain cell values, and
/// reads its arrays' cells back in the convention of Frames' <see cref="Column.GetValue"/> (raw day and
/// timestamp numbers, strings, byte arrays), so both sides compare against the same independent expectations.
/// </summary>
internal static class ApachePeer
{
    /// <summary>The cells of a Frames batch, column by column, through Frames' public accessors.</summary>
    public static object?[][] Cells(RecordBatch batch) =>
        batch.Columns.Select(c => Enumerable.Range(0, c.Length).Select(c.GetValue).ToArray()).ToArray();

    public static object?[][] Cells(A.RecordBatch batch) =>
        batch.Arrays.Select(a => Enumerable.Range(0, a.Length).Select(r => Cell(a, r)).ToArray()).ToArray();

    public static object? Cell(A.IArrowArray array, int row)
    {
        if (array is A.DictionaryArray dictionary)
            return dictionary.IsNull(row) ? null : Cell(dictionary.Dictionary, checked((int)Convert.ToInt64(Cell(dictionary.Indices, row))));
        if (array.IsNull(row))
            return null;
        return array switch
        {
            A.NullArray => null,
            A.BooleanArray a => a.GetValue(row)!.Value,
            A.Int8Array a => a.Values[row],
            A.Int16Array a => a.Values[row],
            A.Int32Array a => a.Values[row],
            A.Int64Array a => a.Values[row],
            A.UInt8Array a => a.Values[row],
            A.UInt16Array a => a.Values[row],
            A.UInt32Array a => a.Values[row],
            A.UInt64Array a => a.Values[row],
            A.FloatArray a => a.Values[row],
            A.DoubleArray a => a.Values[row],
            A.Date32Array a => a.Values[row],
            A.TimestampArray a => a.Values[row],
            A.StringArray a => a.GetString(row),
            A.LargeStringArray a => a.GetString(row),
            A.BinaryArray a => a.GetBytes(row).ToArray(),
            A.LargeBinaryArray a => a.GetBytes(row).ToArray(),
            _ => throw new NotSupportedException($"no cell reader for {array.GetType().Name}"),
        };
    }

    public static A.Schema Schema(Schema schema) =>
        new(schema.Fields.Select(f => new A.Field(f.Name, Type(f.Type), f.Nullable, f.Metadata.Count == 0 ? null : f.Metadata)),
            schema.Metadata.Count == 0 ? null : schema.Metadata);

    public static AT.IArrowType Type(DataType type) => type.Id switch
    {
        TypeId.Null => AT.NullType.Default,
        TypeId.Bool => AT.BooleanType.Default,
        TypeId.Int8 => AT.Int8Type.Default,
        TypeId.Int16 => AT.Int16Type.Default,
        TypeId.Int32 => AT.Int32Type.Default,
        TypeId.Int64 => AT.Int64Type.Default,
        TypeId.UInt8 => AT.UInt8Type.Default,
        TypeId.UInt16 => AT.UInt16Type.Default,
        TypeId.UInt32 => AT.UInt32Type.Default,
        TypeId.UInt64 => AT.UInt64Type.Default,
        TypeId.Float32 => AT.FloatType.Default,
        TypeId.Float64 => AT.DoubleType.Default,
        TypeId.Utf8 => AT.StringType.Default,
        TypeId.LargeUtf8 => AT.LargeStringType.Default,
        TypeId.Binary => AT.BinaryType.Default,
        TypeId.LargeBinary => AT.LargeBinaryType.Default,
        TypeId.Date32 => AT.Date32Type.Default,
        TypeId.Timestamp => new AT.TimestampType((AT.TimeUnit)(int)type.Unit, type.TimeZone),
        TypeId.Dictionary => new AT.DictionaryType(Type(type.IndexType!), Type(type.ValueType!), type.Ordered),
        _ => throw new NotSupportedException(type.ToString()),
    };

    /// <summary>An Apache.Arrow batch holding the cells of <paramref name="batch"/>, built by Apache.Arrow's builders.</summary>
    /// <remarks>Pass one <paramref name="schema"/> instance for every batch of a stream: Apache.Arrow's IPC writer finds
    /// dictionaries by the field objects of the writer's schema, and fails ("Dictionary with id 0 not found") for a batch
    /// whose schema is an equal but other instance.</remarks>
    public static A.RecordBatch Batch(RecordBatch batch, A.Schema schema) =>
        new(schema, batch.Columns.Select(Array).ToArray(), batch.Length);

    /// <summary>An Apache.Arrow array of <paramref name="column"/>'s cells (a dictionary keeps its indices and dictionary).</summary>
    public static A.IArrowArray Array(Column column)
    {
        var cells = Enumerable.Range(0, column.Length).Select(column.GetValue).ToArray();
        if (column is DictionaryColumn dictionary)
        {
            var indices = Enumerable.Range(0, column.Length)
                .Select(r => dictionary.IsValid(r) ? IndexCell(dictionary.Type.IndexType!, dictionary.GetIndex(r)) : null).ToArray();
            return new A.DictionaryArray((AT.DictionaryType)Type(column.Type),
                Array(column.Type.IndexType!, indices), Array(dictionary.DictionaryValues));
        }
        return Array(column.Type, cells);
    }

    public static A.IArrowArray Array(DataType type, IReadOnlyList<object?> cells) => type.Id switch
    {
        TypeId.Null => new A.NullArray(cells.Count),
        TypeId.Bool => Build(new A.BooleanArray.Builder(), cells, (b, v) => b.Append((bool)v), b => b.AppendNull()),
        TypeId.Int8 => Fixed<sbyte>(type, cells),
        TypeId.Int16 => Fixed<short>(type, cells),
        TypeId.Int32 or TypeId.Date32 => Fixed<int>(type, cells),
        TypeId.Int64 or TypeId.Timestamp => Fixed<long>(type, cells),
        TypeId.UInt8 => Fixed<byte>(type, cells),
        TypeId.UInt16 => Fixed<ushort>(type, cells),
        TypeId.UInt32 => Fixed<uint>(type, cells),
        TypeId.UInt64 => Fixed<ulong>(type, cells),
        TypeId.Float32 => Fixed<float>(type, cells),
        TypeId.Float64 => Fixed<double>(type, cells),
        TypeId.Utf8 => Build(new A.StringArray.Builder(), cells, (b, v) => b.Append((string)v), b => b.AppendNull()),
        TypeId.LargeUtf8 => Build(new A.LargeStringArray.Builder(), cells, (b, v) => b.Append((string)v), b => b.AppendNull()),
        TypeId.Binary => Build(new A.BinaryArray.Builder(), cells, (b, v) => b.Append((byte[])v), b => b.AppendNull()),
        TypeId.LargeBinary => Build(new A.LargeBinaryArray.Builder(), cells, (b, v) => b.Append((byte[])v), b => b.AppendNull()),
        _ => throw new NotSupportedException(type.ToString()),
    };

    private static object IndexCell(DataType indexType, long index) => indexType.Id switch
    {
        TypeId.Int8 => (sbyte)index,
        TypeId.Int16 => (short)index,
        TypeId.Int32 => (int)index,
        TypeId.Int64 => index,
        TypeId.UInt8 => (byte)index,
        TypeId.UInt16 => (ushort)index,
        TypeId.UInt32 => (uint)index,
        _ => (ulong)index,
    };

    private static A.IArrowArray Build<TBuilder>(TBuilder builder, IReadOnlyList<object?> cells, Action<TBuilder, object> append, Action<TBuilder> appendNull)
        where TBuilder : A.IArrowArrayBuilder
    {
        foreach (var cell in cells)
        {
            if (cell is null) appendNull(builder);
            else append(builder, cell);
        }
        return builder switch
        {
            A.BooleanArray.Builder b => b.Build(),
            A.StringArray.Builder b => b.Build(),
            A.LargeStringArray.Builder b => b.Build(),
            A.BinaryArray.Builder b => b.Build(),
            A.LargeBinaryArray.Builder b => b.Build(),
            _ => throw new NotSupportedException(typeof(TBuilder).Name),
        };
    }

    /// <summary>Fixed-width values laid out by Apache.Arrow's buffer builders (raw days and timestamp units, any range).</summary>
    private static A.IArrowArray Fixed<T>(DataType type, IReadOnlyList<object?> cells) where T : unmanaged
    {
        var values = new A.ArrowBuffer.Builder<T>(cells.Count);
        var validity = new A.ArrowBuffer.BitmapBuilder(cells.Count);
        var nulls = 0;
        foreach (var cell in cells)
        {
            values.Append(cell is null ? default : (T)cell);
            validity.Append(cell is not null);
            nulls += cell is null ? 1 : 0;
        }
        var data = new A.ArrayData(Type(type), cells.Count, nulls, 0,
            [nulls == 0 ? A.ArrowBuffer.Empty : validity.Build(), values.Build()]);
        return A.ArrowArrayFactory.BuildArray(data);
    }
}
