using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FramesNet.Columns;

/// <summary>Arrow bitmaps: bit i of the map is bit (i % 8) of byte (i / 8), least significant bit first.</summary>
public static class Bitmap
{
    public static int BytesFor(int bits) => (bits + 7) >> 3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Get(ReadOnlySpan<byte> bitmap, int index) => (bitmap[index >> 3] & (1 << (index & 7))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(Span<byte> bitmap, int index) => bitmap[index >> 3] |= (byte)(1 << (index & 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(Span<byte> bitmap, int index) => bitmap[index >> 3] &= (byte)~(1 << (index & 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(Span<byte> bitmap, int index, bool value)
    {
        if (value) Set(bitmap, index);
        else Clear(bitmap, index);
    }

    /// <summary>Number of set bits in [offset, offset + length).</summary>
    public static int CountSet(ReadOnlySpan<byte> bitmap, int offset, int length)
    {
        if (length == 0)
            return 0;
        var count = 0;
        var i = offset;
        var end = offset + length;
        while (i < end && (i & 7) != 0)
            count += Get(bitmap, i++) ? 1 : 0;
        var wholeBytes = bitmap.Slice(i >> 3, (end - i) >> 3);
        var words = MemoryMarshal.Cast<byte, ulong>(wholeBytes);
        foreach (var word in words)
            count += BitOperations.PopCount(word);
        for (var b = words.Length * 8; b < wholeBytes.Length; b++)
            count += BitOperations.PopCount(wholeBytes[b]);
        i += wholeBytes.Length * 8;
        while (i < end)
            count += Get(bitmap, i++) ? 1 : 0;
        return count;
    }

    /// <summary>Copies <paramref name="length"/> bits from <paramref name="source"/> at a bit offset to <paramref name="destination"/> at a bit offset.</summary>
    public static void Copy(ReadOnlySpan<byte> source, int sourceOffset, Span<byte> destination, int destinationOffset, int length)
    {
        if ((sourceOffset & 7) == 0 && (destinationOffset & 7) == 0)
        {
            var whole = length >> 3;
            source.Slice(sourceOffset >> 3, whole).CopyTo(destination.Slice(destinationOffset >> 3));
            for (var i = whole * 8; i < length; i++)
                Set(destination, destinationOffset + i, Get(source, sourceOffset + i));
            return;
        }
        for (var i = 0; i < length; i++)
            Set(destination, destinationOffset + i, Get(source, sourceOffset + i));
    }

    /// <summary>Sets bits [offset, offset + length) to <paramref name="value"/>.</summary>
    public static void Fill(Span<byte> bitmap, int offset, int length, bool value)
    {
        var i = offset;
        var end = offset + length;
        while (i < end && (i & 7) != 0)
            Set(bitmap, i++, value);
        var whole = (end - i) >> 3;
        bitmap.Slice(i >> 3, whole).Fill(value ? (byte)0xFF : (byte)0);
        i += whole * 8;
        while (i < end)
            Set(bitmap, i++, value);
    }
}
