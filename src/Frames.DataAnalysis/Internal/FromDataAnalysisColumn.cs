using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FramesNet.Columns;
using FramesNet.Memory;
using Microsoft.Data.Analysis;
using Microsoft.ML.Data;

namespace FramesNet.DataAnalysis.Internal;

/// <summary>
/// One <c>Microsoft.Data.Analysis</c> column as a Frames column of a given type. Fixed-width values and validity are
/// copied buffer by buffer (the package keeps a column in several buffers, each with its own bitmap); dates,
/// timestamps, strings and byte vectors are converted value by value in typed loops.
/// </summary>
internal static class FromDataAnalysisColumn
{
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;

    public const string Supported = "bool, sbyte, short, int, long, byte, ushort, uint, ulong, float, double, decimal, char, DateTime, " +
                                    "string (StringDataFrameColumn, ArrowStringDataFrameColumn) and VBuffer<byte>";

    /// <summary>The Frames type a column of the package becomes when no schema says otherwise.</summary>
    public static DataType DefaultType(DataFrameColumn column) => column switch
    {
        StringDataFrameColumn or ArrowStringDataFrameColumn => DataType.Utf8,
        VBufferDataFrameColumn<byte> => DataType.Binary,
        // The package's primitive columns hold CLR types Frames maps as FromRecords does (DateTime → timestamp[us],
        // decimal → float64, char → utf8); anything else is refused naming the package's supported types.
        _ => IsSupported(column.DataType) ? DataType.ForClrType(column.DataType)
            : throw new ArgumentException($"column '{column.Name}': a {column.GetType().Name} of {column.DataType.Name} has no Frames type; " +
                                          $"supported: {Supported}"),
    };

    private static bool IsSupported(Type type) =>
        type == typeof(bool) || type == typeof(sbyte) || type == typeof(short) || type == typeof(int) || type == typeof(long) ||
        type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong) || type == typeof(float) ||
        type == typeof(double) || type == typeof(decimal) || type == typeof(char) || type == typeof(DateTime);

    public static Column Convert(DataFrameColumn column, DataType type, int length)
    {
        if (type.Id == TypeId.Dictionary)
            return Encode(Convert(column, type.ValueType!, length), type, column.Name);
        return type.Id switch
        {
            TypeId.Int8 => Primitive<sbyte>(column, type, length),
            TypeId.Int16 => Primitive<short>(column, type, length),
            TypeId.Int32 => Primitive<int>(column, type, length),
            TypeId.Int64 => Primitive<long>(column, type, length),
            TypeId.UInt8 => Primitive<byte>(column, type, length),
            TypeId.UInt16 => Primitive<ushort>(column, type, length),
            TypeId.UInt32 => Primitive<uint>(column, type, length),
            TypeId.UInt64 => Primitive<ulong>(column, type, length),
            TypeId.Float32 => Primitive<float>(column, type, length),
            TypeId.Float64 when column is PrimitiveDataFrameColumn<decimal> decimals => Decimals(decimals, length),
            TypeId.Float64 => Primitive<double>(column, type, length),
            TypeId.Bool => Boolean(column, type, length),
            TypeId.Date32 or TypeId.Timestamp => DateTimes(column, type, length),
            TypeId.Utf8 or TypeId.LargeUtf8 => Strings(column, type, length),
            TypeId.Binary or TypeId.LargeBinary => Bytes(column, type, length),
            TypeId.Null => Nulls(column, type, length),
            _ => throw new ArgumentException($"column '{column.Name}': no conversion to {type}"),
        };
    }

    private static Column Primitive<T>(DataFrameColumn column, DataType type, int length) where T : unmanaged
    {
        var source = Require<PrimitiveDataFrameColumn<T>>(column, type, typeof(T).Name);
        var size = Unsafe.SizeOf<T>();
        var values = new byte[length * size];
        var row = 0;
        foreach (var buffer in source.GetReadOnlyDataBuffers())
        {
            MemoryMarshal.AsBytes(buffer.Span).CopyTo(values.AsSpan(row * size));
            row += buffer.Length;
        }
        return new PrimitiveColumn<T>(type, length, Wrap(values), Validity(source, length));
    }

    private static Column Boolean(DataFrameColumn column, DataType type, int length)
    {
        var source = Require<PrimitiveDataFrameColumn<bool>>(column, type, "Boolean");
        var bits = new byte[Bitmap.BytesFor(length)];
        var row = 0;
        foreach (var buffer in source.GetReadOnlyDataBuffers())
        {
            var span = buffer.Span;
            for (var i = 0; i < span.Length; i++)
                if (span[i])
                    Bitmap.Set(bits, row + i);
            row += span.Length;
        }
        return new BooleanColumn(length, Wrap(bits), Validity(source, length));
    }

    private static Column Decimals(PrimitiveDataFrameColumn<decimal> source, int length)
    {
        var values = new double[length];
        var row = 0;
        foreach (var buffer in source.GetReadOnlyDataBuffers())
        {
            var span = buffer.Span;
            for (var i = 0; i < span.Length; i++)
                values[row + i] = (double)span[i];
            row += span.Length;
        }
        return new PrimitiveColumn<double>(DataType.Float64, length, Wrap(MemoryMarshal.AsBytes(values.AsSpan()).ToArray()), Validity(source, length));
    }

    private static Column DateTimes(DataFrameColumn column, DataType type, int length)
    {
        var source = Require<PrimitiveDataFrameColumn<DateTime>>(column, type, "DateTime");
        var width = type.Id == TypeId.Date32 ? sizeof(int) : sizeof(long);
        var values = new byte[length * width];
        var days = MemoryMarshal.Cast<byte, int>(values.AsSpan());
        var units = MemoryMarshal.Cast<byte, long>(values.AsSpan());
        var validity = Validity(source, length);
        var valid = validity.Span;
        var row = 0;
        foreach (var buffer in source.GetReadOnlyDataBuffers())
        {
            var span = buffer.Span;
            for (var i = 0; i < span.Length; i++)
            {
                if (!valid.IsEmpty && !Bitmap.Get(valid, row + i))
                    continue;
                var value = span[i];
                if (type.Id == TypeId.Date32)
                    days[row + i] = (int)ToDataAnalysisColumn.FloorDivide(value.Ticks - EpochTicks, TimeSpan.TicksPerDay);
                else
                    units[row + i] = Timestamp(value, type, column.Name, row + i);
            }
            row += span.Length;
        }
        return type.Id == TypeId.Date32
            ? new PrimitiveColumn<int>(type, length, Wrap(values), validity)
            : new PrimitiveColumn<long>(type, length, Wrap(values), validity);
    }

    /// <summary>A zoned timestamp is an instant (a Local DateTime is converted to UTC); a zone-less one keeps the wall clock.</summary>
    private static long Timestamp(DateTime value, DataType type, string name, int row)
    {
        if (type.TimeZone is not null && value.Kind == DateTimeKind.Local)
            value = value.ToUniversalTime();
        var ticks = value.Ticks - EpochTicks;
        if (type.Unit != TimeUnit.Nanosecond)
            return ToDataAnalysisColumn.FloorDivide(ticks, Temporal.TicksPerUnit(type.Unit));
        if (ticks > long.MaxValue / 100 || ticks < long.MinValue / 100)
            throw new ArgumentException($"column '{name}' row {row}: {value:O} is outside the years 1677–2262 a {type} value can hold");
        return ticks * 100;
    }

    private static Column Strings(DataFrameColumn column, DataType type, int length)
    {
        if (column is not (StringDataFrameColumn or ArrowStringDataFrameColumn or PrimitiveDataFrameColumn<char>))
            throw Mismatch(column, type, "string or char");
        IColumnBuilder builder = type.Id == TypeId.Utf8 ? new BinaryColumnBuilder(type, length) : new LargeBinaryColumnBuilder(type, length);
        switch (column)
        {
            case StringDataFrameColumn strings:
                foreach (var value in strings)
                    Append(builder, value);
                break;
            case ArrowStringDataFrameColumn arrow:
                foreach (var value in arrow)
                    Append(builder, value);
                break;
            case PrimitiveDataFrameColumn<char> chars:
                foreach (var value in chars)
                    Append(builder, value?.ToString());
                break;
        }
        return builder.Build();
    }

    private static void Append(IColumnBuilder builder, string? value)
    {
        if (builder is BinaryColumnBuilder binary)
        {
            if (value is null) binary.AppendNull();
            else binary.Append(value);
        }
        else
        {
            var large = (LargeBinaryColumnBuilder)builder;
            if (value is null) large.AppendNull();
            else large.Append(value);
        }
    }

    private static Column Bytes(DataFrameColumn column, DataType type, int length)
    {
        var source = Require<VBufferDataFrameColumn<byte>>(column, type, "VBuffer<byte>");
        IColumnBuilder builder = type.Id == TypeId.Binary ? new BinaryColumnBuilder(type, length) : new LargeBinaryColumnBuilder(type, length);
        foreach (var value in source)
        {
            var bytes = value.DenseValues().ToArray();
            if (builder is BinaryColumnBuilder binary) binary.Append(bytes);
            else ((LargeBinaryColumnBuilder)builder).Append(bytes);
        }
        return builder.Build();
    }

    private static Column Nulls(DataFrameColumn column, DataType type, int length)
    {
        if (column.NullCount != column.Length)
            throw new ArgumentException($"column '{column.Name}': the schema says {type} but {column.Length - column.NullCount:N0} of its " +
                                        $"{column.Length:N0} values are not null");
        return new NullColumn(length);
    }

    /// <summary>A dictionary of the distinct values of <paramref name="plain"/>, in order of first appearance.</summary>
    private static Column Encode(Column plain, DataType type, string name)
    {
        if (plain is not BinaryColumn and not LargeBinaryColumn)
            return ColumnEncoding.ConvertTo(plain, type);
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var indices = new long[plain.Length];
        var entries = new List<string>();
        for (var i = 0; i < plain.Length; i++)
        {
            if (!plain.IsValid(i))
                continue;
            var value = (string)plain.GetValue(i)!;
            if (!indexOf.TryGetValue(value, out var index))
            {
                index = entries.Count;
                indexOf.Add(value, index);
                entries.Add(value);
            }
            indices[i] = index;
        }
        var dictionary = Strings(new StringDataFrameColumn(name, entries), type.ValueType!, entries.Count);
        return new DictionaryColumn(type, plain.Length, Indices(indices, type, name, entries.Count), dictionary, CopyOfValidity(plain));
    }

    private static ArrowBuffer Indices(long[] indices, DataType type, string name, int entries)
    {
        var indexType = type.IndexType!;
        var max = indexType.Id switch
        {
            TypeId.Int8 => sbyte.MaxValue, TypeId.Int16 => short.MaxValue, TypeId.Int32 => int.MaxValue,
            TypeId.UInt8 => byte.MaxValue, TypeId.UInt16 => ushort.MaxValue, _ => long.MaxValue,
        };
        if (entries - 1 > max)
            throw new ArgumentException($"column '{name}': {entries:N0} distinct values cannot be addressed by the {indexType} indices of {type}");
        var bytes = new byte[indices.Length * indexType.ByteWidth];
        for (var i = 0; i < indices.Length; i++)
        {
            var k = indices[i];
            switch (indexType.Id)
            {
                case TypeId.Int8 or TypeId.UInt8: bytes[i] = (byte)k; break;
                case TypeId.Int16 or TypeId.UInt16: MemoryMarshal.Cast<byte, short>(bytes.AsSpan())[i] = (short)k; break;
                case TypeId.Int32 or TypeId.UInt32: MemoryMarshal.Cast<byte, int>(bytes.AsSpan())[i] = (int)k; break;
                default: MemoryMarshal.Cast<byte, long>(bytes.AsSpan())[i] = k; break;
            }
        }
        return Wrap(bytes);
    }

    private static ArrowBuffer CopyOfValidity(Column column)
    {
        if (column.NullCount == 0)
            return default;
        var bits = new byte[Bitmap.BytesFor(column.Length)];
        Bitmap.Copy(column.Validity.Span, column.Offset, bits, 0, column.Length);
        return Wrap(bits);
    }

    /// <summary>The column's null bitmaps, one per buffer, as one bitmap; none when nothing is null.</summary>
    private static ArrowBuffer Validity<T>(PrimitiveDataFrameColumn<T> source, int length) where T : unmanaged
    {
        if (source.NullCount == 0)
            return default;
        var bits = new byte[Bitmap.BytesFor(length)];
        var row = 0;
        using var lengths = source.GetReadOnlyDataBuffers().GetEnumerator();
        foreach (var bitmap in source.GetReadOnlyNullBitMapBuffers())
        {
            lengths.MoveNext();
            var count = lengths.Current.Length;
            Bitmap.Copy(bitmap.Span, 0, bits, row, count);
            row += count;
        }
        return Wrap(bits);
    }

    private static ArrowBuffer Wrap(byte[] bytes) => bytes.Length == 0 ? default : new ArrowBuffer(BufferOwner.Wrap(bytes), 0, bytes.Length);

    private static T Require<T>(DataFrameColumn column, DataType type, string takes) where T : DataFrameColumn =>
        column as T ?? throw Mismatch(column, type, takes);

    private static ArgumentException Mismatch(DataFrameColumn column, DataType type, string takes) =>
        new($"column '{column.Name}' is a {column.GetType().Name} of {column.DataType.Name} in the DataFrame, " +
            $"but the schema says {type}, which takes {takes} values");
}
