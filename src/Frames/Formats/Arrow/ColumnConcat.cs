using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Formats.Arrow;

/// <summary>Appends one column to another of the same type into new buffers: how a delta dictionary extends its dictionary.</summary>
internal static class ColumnConcat
{
    public static Column Concat(Column first, Column second)
    {
        if (first.Type != second.Type)
            throw new ArgumentException($"cannot append {second.Type} values to {first.Type}");
        if (second.Length == 0)
            return first;
        if (first.Length == 0)
            return second;
        var length = checked(first.Length + second.Length);
        if (first is NullColumn)
            return new NullColumn(length);
        var nulls = first.NullCount + second.NullCount;
        var validity = nulls == 0 ? default : ConcatBits(first, first.Validity, second, second.Validity, length);
        switch (first)
        {
            case BooleanColumn:
                return new BooleanColumn(length, ConcatBits(first, first.Buffers[1], second, second.Buffers[1], length), validity, nulls);
            case BinaryColumn a:
            {
                var b = (BinaryColumn)second;
                var (offsets, data) = ConcatOffsets(a.Offsets, a.Data, b.Offsets, b.Data);
                return new BinaryColumn(a.Type, length, offsets, data, validity, nulls);
            }
            case LargeBinaryColumn a:
            {
                var b = (LargeBinaryColumn)second;
                var (offsets, data) = ConcatOffsets(a.Offsets, a.Data, b.Offsets, b.Data);
                return new LargeBinaryColumn(a.Type, length, offsets, data, validity, nulls);
            }
            case DictionaryColumn:
                throw new NotSupportedException("a dictionary of dictionaries is not supported");
            default:
            {
                var width = first.Type.ByteWidth;
                var owner = BufferPool.Shared.Rent(length * width);
                first.Buffers[1].Span.Slice(first.Offset * width, first.Length * width).CopyTo(owner.Span);
                second.Buffers[1].Span.Slice(second.Offset * width, second.Length * width).CopyTo(owner.Span[(first.Length * width)..]);
                return ColumnFactory.Fixed(first.Type, length, new ArrowBuffer(owner, 0, length * width), validity, nulls);
            }
        }
    }

    /// <summary>A bitmap of the two columns' bits (validity or boolean values); a missing validity map means all set.</summary>
    private static ArrowBuffer ConcatBits(Column first, ArrowBuffer firstBits, Column second, ArrowBuffer secondBits, int length)
    {
        var bytes = Bitmap.BytesFor(length);
        var owner = BufferPool.Shared.Rent(bytes);
        var span = owner.Span[..bytes];
        span.Clear();
        Append(span, 0, first, firstBits);
        Append(span, first.Length, second, secondBits);
        return new ArrowBuffer(owner, 0, bytes);

        static void Append(Span<byte> target, int at, Column column, ArrowBuffer bits)
        {
            if (bits.IsEmpty)
                Bitmap.Fill(target, at, column.Length, true);
            else
                Bitmap.Copy(bits.Span, column.Offset, target, at, column.Length);
        }
    }

    private static (ArrowBuffer Offsets, ArrowBuffer Data) ConcatOffsets<T>(ReadOnlySpan<T> first, ReadOnlySpan<byte> firstData,
        ReadOnlySpan<T> second, ReadOnlySpan<byte> secondData) where T : unmanaged, IBinaryInteger<T>
    {
        var firstBytes = firstData[int.CreateChecked(first[0])..int.CreateChecked(first[^1])];
        var secondBytes = secondData[int.CreateChecked(second[0])..int.CreateChecked(second[^1])];
        var dataLength = checked(firstBytes.Length + secondBytes.Length);
        var data = BufferPool.Shared.Rent(dataLength);
        firstBytes.CopyTo(data.Span);
        secondBytes.CopyTo(data.Span[firstBytes.Length..]);

        var count = first.Length + second.Length - 1;
        var offsetOwner = BufferPool.Shared.Rent(count * Unsafe.SizeOf<T>());
        var offsets = MemoryMarshal.Cast<byte, T>(offsetOwner.Span)[..count];
        for (var i = 0; i < first.Length; i++)
            offsets[i] = first[i] - first[0];
        var shift = T.CreateChecked(firstBytes.Length) - second[0];
        for (var i = 1; i < second.Length; i++)
            offsets[first.Length - 1 + i] = second[i] + shift;
        return (new ArrowBuffer(offsetOwner, 0, count * Unsafe.SizeOf<T>()), new ArrowBuffer(data, 0, dataLength));
    }
}
