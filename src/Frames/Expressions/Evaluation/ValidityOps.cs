using System.Runtime.InteropServices;
using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Expressions.Evaluation;

/// <summary>Validity bitmaps of kernel results: results start at offset 0, so inputs' bitmaps are realigned when needed.</summary>
internal static class ValidityOps
{
    /// <summary>The column's validity as a bitmap starting at bit 0; empty when every value is valid.</summary>
    public static ArrowBuffer Aligned(Column column) => AlignedBits(column.NullCount == 0 ? default : column.Validity, column.Offset, column.Length);

    /// <summary>Bits [offset, offset + length) of <paramref name="bits"/> as a bitmap starting at bit 0 (a window when byte-aligned).</summary>
    public static ArrowBuffer AlignedBits(ArrowBuffer bits, int offset, int length)
    {
        if (bits.IsEmpty)
            return default;
        var bytes = Bitmap.BytesFor(length);
        if ((offset & 7) == 0)
            return bits.Slice(offset >> 3, bytes);
        var owner = BufferPool.Shared.Rent(bytes);
        Bitmap.Copy(bits.Span, offset, owner.Span, 0, length);
        return new ArrowBuffer(owner, 0, bytes);
    }

    /// <summary>Valid where both are valid.</summary>
    public static ArrowBuffer And(Column a, Column b) => And(Aligned(a), Aligned(b), a.Length);

    public static ArrowBuffer And(ArrowBuffer a, ArrowBuffer b, int length)
    {
        if (a.IsEmpty) return b;
        if (b.IsEmpty) return a;
        var bytes = Bitmap.BytesFor(length);
        var owner = BufferPool.Shared.Rent(bytes);
        And(a.Span[..bytes], b.Span[..bytes], owner.Span[..bytes]);
        return new ArrowBuffer(owner, 0, bytes);
    }

    public static void And(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> result)
    {
        var words = result.Length / 8;
        var wa = MemoryMarshal.Cast<byte, ulong>(a[..(words * 8)]);
        var wb = MemoryMarshal.Cast<byte, ulong>(b[..(words * 8)]);
        var wr = MemoryMarshal.Cast<byte, ulong>(result[..(words * 8)]);
        for (var i = 0; i < wr.Length; i++)
            wr[i] = wa[i] & wb[i];
        for (var i = words * 8; i < result.Length; i++)
            result[i] = (byte)(a[i] & b[i]);
    }

    /// <summary>A writable all-valid bitmap for <paramref name="length"/> values (kernels then clear bits for new nulls).</summary>
    public static BufferOwner AllValid(int length)
    {
        var bytes = Bitmap.BytesFor(length);
        var owner = BufferPool.Shared.Rent(bytes);
        owner.Span[..bytes].Fill(0xFF);
        return owner;
    }

    /// <summary>A writable copy of <paramref name="validity"/> (or all-valid when empty).</summary>
    public static BufferOwner MutableCopy(ArrowBuffer validity, int length)
    {
        if (validity.IsEmpty)
            return AllValid(length);
        var bytes = Bitmap.BytesFor(length);
        var owner = BufferPool.Shared.Rent(bytes);
        validity.Span[..bytes].CopyTo(owner.Span);
        return owner;
    }
}
