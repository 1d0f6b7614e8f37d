using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Execution.Kernels;

public static partial class ColumnKernels
{
    /// <summary>
    /// The values of <paramref name="columns"/> one after another; all must have the same logical type, however
    /// stored. Dictionary columns that share one dictionary keep it; dictionary columns with different dictionaries
    /// have them appended and their indices shifted, unless that would make the dictionary longer than the values
    /// (or too long for the indices). Columns stored in different ways come out plain.
    /// </summary>
    public static Column Concat(IReadOnlyList<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
            throw new ArgumentException("nothing to concatenate: at least one column is needed (its type is the result's)");
        var type = columns[0].Type;
        long total = 0;
        var mixed = false;
        foreach (var column in columns)
        {
            if (column.Type != type)
            {
                if (column.Type.Logical != type.Logical)
                    throw new ArgumentException($"cannot concatenate {column.Type} to {type}");
                mixed = true;
            }
            total += column.Length;
        }
        if (total > int.MaxValue)
            throw new InvalidOperationException($"concatenating {total} values exceeds one column's limit");
        if (columns.Count == 1)
            return columns[0];
        if (mixed || (type.Id == TypeId.Dictionary && !DictionariesWorthMerging(columns, total)))
            return Concat(columns.Select(c => c is DictionaryColumn d ? Decode(d) : c).ToArray());
        var length = (int)total;
        return columns[0] switch
        {
            PrimitiveColumn<sbyte> => ConcatPrimitive<sbyte>(columns, length),
            PrimitiveColumn<short> => ConcatPrimitive<short>(columns, length),
            PrimitiveColumn<int> => ConcatPrimitive<int>(columns, length),
            PrimitiveColumn<long> => ConcatPrimitive<long>(columns, length),
            PrimitiveColumn<byte> => ConcatPrimitive<byte>(columns, length),
            PrimitiveColumn<ushort> => ConcatPrimitive<ushort>(columns, length),
            PrimitiveColumn<uint> => ConcatPrimitive<uint>(columns, length),
            PrimitiveColumn<ulong> => ConcatPrimitive<ulong>(columns, length),
            PrimitiveColumn<float> => ConcatPrimitive<float>(columns, length),
            PrimitiveColumn<double> => ConcatPrimitive<double>(columns, length),
            BooleanColumn => ConcatBoolean(columns, length),
            BinaryColumn => ConcatBinary(columns, length),
            DictionaryColumn => ConcatDictionary(columns, length),
            NullColumn => new NullColumn(length),
            _ => ConcatGeneric(columns, length),
        };
    }

    private static ArrowBuffer ConcatValidity(IReadOnlyList<Column> columns, int length, out int nullCount)
    {
        nullCount = 0;
        foreach (var column in columns)
            nullCount += column.NullCount;
        if (nullCount == 0)
            return default;
        var buffer = KernelBuffers.AllocateBitmap(length, out var bits);
        var position = 0;
        foreach (var column in columns)
        {
            if (column.Validity.IsEmpty)
                Bitmap.Fill(bits, position, column.Length, true);
            else
                Bitmap.Copy(column.Validity.Span, column.Offset, bits, position, column.Length);
            position += column.Length;
        }
        return buffer;
    }

    private static PrimitiveColumn<T> ConcatPrimitive<T>(IReadOnlyList<Column> columns, int length) where T : unmanaged
    {
        var buffer = KernelBuffers.Allocate<T>(length, out var target);
        var position = 0;
        foreach (var column in columns)
        {
            var values = ((PrimitiveColumn<T>)column).Values;
            values.CopyTo(target[position..]);
            position += values.Length;
        }
        var validity = ConcatValidity(columns, length, out var nulls);
        return new PrimitiveColumn<T>(columns[0].Type, length, buffer, validity, nulls);
    }

    private static BooleanColumn ConcatBoolean(IReadOnlyList<Column> columns, int length)
    {
        var buffer = KernelBuffers.AllocateBitmap(length, out var bits);
        var position = 0;
        foreach (var column in columns)
        {
            var c = (BooleanColumn)column;
            Bitmap.Copy(c.ValueBuffer.Span, c.Offset, bits, position, c.Length);
            position += c.Length;
        }
        var validity = ConcatValidity(columns, length, out var nulls);
        return new BooleanColumn(length, buffer, validity, nulls);
    }

    private static BinaryColumn ConcatBinary(IReadOnlyList<Column> columns, int length)
    {
        long bytes = 0;
        foreach (var column in columns)
        {
            var offsets = ((BinaryColumn)column).Offsets;
            bytes += offsets[^1] - offsets[0];
        }
        if (bytes > int.MaxValue)
            throw new InvalidOperationException($"concatenating strings of {bytes} bytes exceeds a utf8 column's limit; use smaller batches");
        var offsetBuffer = KernelBuffers.Allocate<int>(length + 1, out var targetOffsets);
        var dataBuffer = KernelBuffers.Allocate<byte>((int)bytes, out var targetData);
        var row = 0;
        var position = 0;
        targetOffsets[0] = 0;
        foreach (var column in columns)
        {
            var c = (BinaryColumn)column;
            var offsets = c.Offsets;
            var first = offsets[0];
            var size = offsets[^1] - first;
            c.Data.Slice(first, size).CopyTo(targetData[position..]);
            var shift = position - first;
            for (var i = 1; i < offsets.Length; i++)
                targetOffsets[row + i] = offsets[i] + shift;
            row += c.Length;
            position += size;
        }
        var validity = ConcatValidity(columns, length, out var nulls);
        return new BinaryColumn(columns[0].Type, length, offsetBuffer, dataBuffer, validity, nulls);
    }

    private static DictionaryColumn ConcatDictionary(IReadOnlyList<Column> columns, int length)
    {
        var type = columns[0].Type;
        var dictionary = columns[0].DictionaryValues!;
        var shared = columns.All(c => ReferenceEquals(c.DictionaryValues, dictionary));
        var indices = new long[length];
        var position = 0;
        long shift = 0;
        var dictionaries = new List<Column>();
        foreach (var column in columns)
        {
            var c = (DictionaryColumn)column;
            for (var i = 0; i < c.Length; i++)
                indices[position + i] = c.IsValid(i) ? c.GetIndex(i) + shift : 0;
            position += c.Length;
            if (!shared)
            {
                dictionaries.Add(c.DictionaryValues);
                shift += c.DictionaryValues.Length;
            }
        }
        var values = shared ? dictionary : Concat(dictionaries);
        if (values.Length - 1L > MaxIndex(type.IndexType!))
            throw new InvalidOperationException($"merged dictionary of {values.Length} values does not fit {type.IndexType} indices");
        var indexBuffer = NarrowIndices(indices, type.IndexType!);
        var validity = ConcatValidity(columns, length, out var nulls);
        return new DictionaryColumn(type, length, indexBuffer, values, validity, nulls);
    }

    /// <summary>One shared dictionary, or distinct ones that together are shorter than the values and fit the index type.</summary>
    private static bool DictionariesWorthMerging(IReadOnlyList<Column> columns, long values)
    {
        var first = columns[0].DictionaryValues;
        if (columns.All(c => ReferenceEquals(c.DictionaryValues, first)))
            return true;
        var entries = columns.Sum(c => (long)c.DictionaryValues!.Length);
        return entries <= values && entries - 1 <= MaxIndex(columns[0].Type.IndexType!);
    }

    private static long MaxIndex(DataType indexType) => indexType.Id switch
    {
        TypeId.Int8 => sbyte.MaxValue,
        TypeId.Int16 => short.MaxValue,
        TypeId.Int32 => int.MaxValue,
        TypeId.UInt8 => byte.MaxValue,
        TypeId.UInt16 => ushort.MaxValue,
        TypeId.UInt32 => uint.MaxValue,
        _ => long.MaxValue,
    };

    private static ArrowBuffer NarrowIndices(long[] indices, DataType indexType)
    {
        switch (indexType.Id)
        {
            case TypeId.Int8: { var b = KernelBuffers.Allocate<sbyte>(indices.Length, out var t); for (var i = 0; i < t.Length; i++) t[i] = (sbyte)indices[i]; return b; }
            case TypeId.Int16: { var b = KernelBuffers.Allocate<short>(indices.Length, out var t); for (var i = 0; i < t.Length; i++) t[i] = (short)indices[i]; return b; }
            case TypeId.Int32: { var b = KernelBuffers.Allocate<int>(indices.Length, out var t); for (var i = 0; i < t.Length; i++) t[i] = (int)indices[i]; return b; }
            case TypeId.UInt8: { var b = KernelBuffers.Allocate<byte>(indices.Length, out var t); for (var i = 0; i < t.Length; i++) t[i] = (byte)indices[i]; return b; }
            case TypeId.UInt16: { var b = KernelBuffers.Allocate<ushort>(indices.Length, out var t); for (var i = 0; i < t.Length; i++) t[i] = (ushort)indices[i]; return b; }
            case TypeId.UInt32: { var b = KernelBuffers.Allocate<uint>(indices.Length, out var t); for (var i = 0; i < t.Length; i++) t[i] = (uint)indices[i]; return b; }
            default: return ArrowBuffer.CopyOf<long>(indices);
        }
    }

    private static Column ConcatGeneric(IReadOnlyList<Column> columns, int length)
    {
        var builder = ColumnBuilder.Create(columns[0].Type, length);
        foreach (var column in columns)
            for (var i = 0; i < column.Length; i++)
                builder.AppendFrom(column, i);
        return builder.Build();
    }
}
