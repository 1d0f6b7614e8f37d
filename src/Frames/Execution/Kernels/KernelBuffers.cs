using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Execution.Kernels;

/// <summary>Pooled output buffers for kernels: rent, fill through the span, hand over as an <see cref="ArrowBuffer"/>.</summary>
internal static class KernelBuffers
{
    /// <summary>A buffer of <paramref name="count"/> values of <typeparamref name="T"/>; <paramref name="values"/> writes into it.</summary>
    public static ArrowBuffer Allocate<T>(int count, out Span<T> values) where T : unmanaged
    {
        var bytes = checked(count * Unsafe.SizeOf<T>());
        if (bytes == 0)
        {
            values = default;
            return default;
        }
        var owner = BufferPool.Shared.Rent(bytes);
        values = MemoryMarshal.Cast<byte, T>(owner.Span[..bytes]);
        return new ArrowBuffer(owner, 0, bytes);
    }

    /// <summary>A bitmap of <paramref name="bits"/> bits, every bit cleared.</summary>
    public static ArrowBuffer AllocateBitmap(int bits, out Span<byte> bitmap)
    {
        var buffer = Allocate(Math.Max(1, Bitmap.BytesFor(bits)), out bitmap);
        bitmap.Clear();
        return buffer;
    }

    /// <summary>An empty column of <paramref name="type"/>.</summary>
    public static Column Empty(DataType type)
    {
        if (type.Id == TypeId.Dictionary)
            return new DictionaryColumn(type, 0, default, ColumnBuilder.Create(type.ValueType!, 0).Build());
        return ColumnBuilder.Create(type, 0).Build();
    }

    /// <summary>A column of <paramref name="length"/> nulls of <paramref name="type"/>.</summary>
    public static Column Nulls(DataType type, int length)
    {
        if (length == 0)
            return Empty(type);
        Span<int> indices = length <= 1024 ? stackalloc int[length] : new int[length];
        indices.Fill(-1);
        return ColumnKernels.Take(Empty(type), indices);
    }
}
