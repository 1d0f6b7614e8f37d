using System.Runtime.CompilerServices;
using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Execution.Kernels;

public static partial class ColumnKernels
{
    /// <summary>
    /// Value <c>indices[i]</c> of <paramref name="column"/> at position i; an index of -1 yields a null.
    /// Any other index outside the column throws.
    /// </summary>
    public static Column Take(Column column, ReadOnlySpan<int> indices)
    {
        ArgumentNullException.ThrowIfNull(column);
        var missing = 0;
        var length = column.Length;
        foreach (var index in indices)
        {
            if ((uint)index >= (uint)length)
            {
                if (index != -1)
                    throw new ArgumentOutOfRangeException(nameof(indices), $"row index {index} outside a column of {length} values");
                missing++;
            }
        }
        return missing == 0 ? TakeValid(column, indices) : TakeWithMissing(column, indices);
    }

    /// <summary>Take where every index is known to be inside the column.</summary>
    internal static Column TakeValid(Column column, ReadOnlySpan<int> indices) => column switch
    {
        PrimitiveColumn<sbyte> c => TakePrimitive(c, indices, false),
        PrimitiveColumn<short> c => TakePrimitive(c, indices, false),
        PrimitiveColumn<int> c => TakePrimitive(c, indices, false),
        PrimitiveColumn<long> c => TakePrimitive(c, indices, false),
        PrimitiveColumn<byte> c => TakePrimitive(c, indices, false),
        PrimitiveColumn<ushort> c => TakePrimitive(c, indices, false),
        PrimitiveColumn<uint> c => TakePrimitive(c, indices, false),
        PrimitiveColumn<ulong> c => TakePrimitive(c, indices, false),
        PrimitiveColumn<float> c => TakePrimitive(c, indices, false),
        PrimitiveColumn<double> c => TakePrimitive(c, indices, false),
        BinaryColumn c => TakeBinary(c, indices, false),
        BooleanColumn c => TakeBoolean(c, indices, false),
        DictionaryColumn c => TakeDictionary(c, indices, false),
        NullColumn => new NullColumn(indices.Length),
        _ => TakeGeneric(column, indices),
    };

    private static Column TakeWithMissing(Column column, ReadOnlySpan<int> indices) => column switch
    {
        PrimitiveColumn<sbyte> c => TakePrimitive(c, indices, true),
        PrimitiveColumn<short> c => TakePrimitive(c, indices, true),
        PrimitiveColumn<int> c => TakePrimitive(c, indices, true),
        PrimitiveColumn<long> c => TakePrimitive(c, indices, true),
        PrimitiveColumn<byte> c => TakePrimitive(c, indices, true),
        PrimitiveColumn<ushort> c => TakePrimitive(c, indices, true),
        PrimitiveColumn<uint> c => TakePrimitive(c, indices, true),
        PrimitiveColumn<ulong> c => TakePrimitive(c, indices, true),
        PrimitiveColumn<float> c => TakePrimitive(c, indices, true),
        PrimitiveColumn<double> c => TakePrimitive(c, indices, true),
        BinaryColumn c => TakeBinary(c, indices, true),
        BooleanColumn c => TakeBoolean(c, indices, true),
        DictionaryColumn c => TakeDictionary(c, indices, true),
        NullColumn => new NullColumn(indices.Length),
        _ => TakeGeneric(column, indices),
    };

    /// <summary>The output validity: a copy of the source's bits at the indices, cleared where an index is -1.</summary>
    private static ArrowBuffer TakeValidity(Column column, ReadOnlySpan<int> indices, bool missing, out int nullCount)
    {
        nullCount = 0;
        if (!missing && column.NullCount == 0)
            return default;
        var buffer = KernelBuffers.AllocateBitmap(indices.Length, out var bits);
        var source = column.Validity.Span;
        var offset = column.Offset;
        var hasValidity = !column.Validity.IsEmpty;
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            if (index >= 0 && (!hasValidity || Bitmap.Get(source, offset + index)))
                Bitmap.Set(bits, i);
            else
                nullCount++;
        }
        return nullCount == 0 ? default : buffer;
    }

    private static PrimitiveColumn<T> TakePrimitive<T>(PrimitiveColumn<T> column, ReadOnlySpan<int> indices, bool missing)
        where T : unmanaged
    {
        var buffer = KernelBuffers.Allocate<T>(indices.Length, out var target);
        var source = column.Values;
        if (missing)
        {
            for (var i = 0; i < indices.Length; i++)
            {
                var index = indices[i];
                target[i] = index >= 0 ? source[index] : default;
            }
        }
        else
        {
            GatherUnchecked(source, indices, target);
        }
        var validity = TakeValidity(column, indices, missing, out var nulls);
        return new PrimitiveColumn<T>(column.Type, indices.Length, buffer, validity, nulls);
    }

    /// <summary>The gather loop without bounds checks; callers have checked every index.</summary>
    private static void GatherUnchecked<T>(ReadOnlySpan<T> source, ReadOnlySpan<int> indices, Span<T> target) where T : unmanaged
    {
        ref var src = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(source);
        ref var dst = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(target);
        ref var idx = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(indices);
        var n = indices.Length;
        var i = 0;
        for (; i + 4 <= n; i += 4)
        {
            Unsafe.Add(ref dst, i) = Unsafe.Add(ref src, Unsafe.Add(ref idx, i));
            Unsafe.Add(ref dst, i + 1) = Unsafe.Add(ref src, Unsafe.Add(ref idx, i + 1));
            Unsafe.Add(ref dst, i + 2) = Unsafe.Add(ref src, Unsafe.Add(ref idx, i + 2));
            Unsafe.Add(ref dst, i + 3) = Unsafe.Add(ref src, Unsafe.Add(ref idx, i + 3));
        }
        for (; i < n; i++)
            Unsafe.Add(ref dst, i) = Unsafe.Add(ref src, Unsafe.Add(ref idx, i));
    }

    private static BooleanColumn TakeBoolean(BooleanColumn column, ReadOnlySpan<int> indices, bool missing)
    {
        var buffer = KernelBuffers.AllocateBitmap(indices.Length, out var bits);
        var source = column.ValueBuffer.Span;
        var offset = column.Offset;
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            if (index >= 0 && Bitmap.Get(source, offset + index))
                Bitmap.Set(bits, i);
        }
        var validity = TakeValidity(column, indices, missing, out var nulls);
        return new BooleanColumn(indices.Length, buffer, validity, nulls);
    }

    private static BinaryColumn TakeBinary(BinaryColumn column, ReadOnlySpan<int> indices, bool missing)
    {
        var offsets = column.Offsets;
        long total = 0;
        foreach (var index in indices)
            if (index >= 0)
                total += offsets[index + 1] - offsets[index];
        if (total > int.MaxValue)
            throw new InvalidOperationException($"gathering {indices.Length} strings needs {total} bytes, more than a utf8 column holds; use smaller batches");
        var offsetBuffer = KernelBuffers.Allocate<int>(indices.Length + 1, out var targetOffsets);
        var dataBuffer = KernelBuffers.Allocate<byte>((int)total, out var targetData);
        var data = column.Data;
        var position = 0;
        targetOffsets[0] = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            if (index >= 0)
            {
                var start = offsets[index];
                var length = offsets[index + 1] - start;
                data.Slice(start, length).CopyTo(targetData.Slice(position, length));
                position += length;
            }
            targetOffsets[i + 1] = position;
        }
        var validity = TakeValidity(column, indices, missing, out var nulls);
        return new BinaryColumn(column.Type, indices.Length, offsetBuffer, dataBuffer, validity, nulls);
    }

    private static DictionaryColumn TakeDictionary(DictionaryColumn column, ReadOnlySpan<int> indices, bool missing)
    {
        var indexColumn = DictionaryIndices(column);
        var taken = missing ? TakeWithMissing(indexColumn, indices) : TakeValid(indexColumn, indices);
        return new DictionaryColumn(column.Type, indices.Length, taken.Buffers[1], column.DictionaryValues, taken.Validity, taken.NullCount);
    }

    /// <summary>The indices of a dictionary column as a plain integer column sharing its buffers and validity.</summary>
    internal static Column DictionaryIndices(DictionaryColumn column)
    {
        var type = column.Type.IndexType!;
        var indices = column.IndexBuffer;
        var validity = column.Validity;
        return type.Id switch
        {
            TypeId.Int8 => new PrimitiveColumn<sbyte>(type, column.Length, indices, validity, -1, column.Offset),
            TypeId.Int16 => new PrimitiveColumn<short>(type, column.Length, indices, validity, -1, column.Offset),
            TypeId.Int32 => new PrimitiveColumn<int>(type, column.Length, indices, validity, -1, column.Offset),
            TypeId.Int64 => new PrimitiveColumn<long>(type, column.Length, indices, validity, -1, column.Offset),
            TypeId.UInt8 => new PrimitiveColumn<byte>(type, column.Length, indices, validity, -1, column.Offset),
            TypeId.UInt16 => new PrimitiveColumn<ushort>(type, column.Length, indices, validity, -1, column.Offset),
            TypeId.UInt32 => new PrimitiveColumn<uint>(type, column.Length, indices, validity, -1, column.Offset),
            _ => new PrimitiveColumn<ulong>(type, column.Length, indices, validity, -1, column.Offset),
        };
    }

    /// <summary>Slow path for layouts without a typed loop (large binary): one builder call per value.</summary>
    private static Column TakeGeneric(Column column, ReadOnlySpan<int> indices)
    {
        var builder = ColumnBuilder.Create(column.Type, indices.Length);
        foreach (var index in indices)
        {
            if (index < 0) builder.AppendNull();
            else builder.AppendFrom(column, index);
        }
        return builder.Build();
    }

    /// <summary>A dictionary column spelled out as a plain column of its value type (one typed gather).</summary>
    public static Column Decode(DictionaryColumn column)
    {
        var indices = new int[column.Length];
        var validity = new ValidityReader(column);
        var size = column.DictionaryValues.Length;
        for (var i = 0; i < indices.Length; i++)
        {
            if (!validity.IsValid(i))
            {
                indices[i] = -1;
                continue;
            }
            var index = column.GetIndex(i);
            if ((ulong)index >= (ulong)size)
                throw new ArgumentOutOfRangeException(nameof(column), $"dictionary index {index} at row {i} outside a dictionary of {size} values");
            indices[i] = (int)index;
        }
        return Take(column.DictionaryValues, indices);
    }
}
