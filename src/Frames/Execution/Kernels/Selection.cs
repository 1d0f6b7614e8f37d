using System.Numerics;
using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>Turns a boolean mask into the row indices it keeps (a null mask entry drops the row).</summary>
internal static class Selection
{
    /// <summary>The mask's bits ANDed with its validity, as whole 64-bit words starting at bit 0 of the mask.</summary>
    public static ulong[] SelectedWords(BooleanColumn mask)
    {
        var words = new ulong[(mask.Length + 63) >> 6];
        ReadWords(mask.ValueBuffer.Span, mask.Offset, mask.Length, words);
        if (mask.NullCount > 0)
        {
            var valid = new ulong[words.Length];
            ReadWords(mask.Validity.Span, mask.Offset, mask.Length, valid);
            for (var w = 0; w < words.Length; w++)
                words[w] &= valid[w];
        }
        return words;
    }

    /// <summary>Copies <paramref name="length"/> bits from bit <paramref name="offset"/> into words; bits past the end are zero.</summary>
    public static void ReadWords(ReadOnlySpan<byte> bitmap, int offset, int length, Span<ulong> words)
    {
        var shift = offset & 7;
        var start = offset >> 3;
        var bytesNeeded = Bitmap.BytesFor(offset + length) - start;
        for (var w = 0; w < words.Length; w++)
        {
            // Read 9 bytes around the word so an unaligned offset can shift across the byte boundary.
            ulong lo = 0, hi = 0;
            var b0 = w * 8;
            for (var b = 0; b < 8 && b0 + b < bytesNeeded; b++)
                lo |= (ulong)bitmap[start + b0 + b] << (8 * b);
            if (shift != 0 && b0 + 8 < bytesNeeded)
                hi = bitmap[start + b0 + 8];
            words[w] = shift == 0 ? lo : (lo >> shift) | (hi << (64 - shift));
        }
        var tail = length & 63;
        if (tail != 0)
            words[^1] &= (1UL << tail) - 1;
    }

    public static int Count(ReadOnlySpan<ulong> words)
    {
        var count = 0;
        foreach (var word in words)
            count += BitOperations.PopCount(word);
        return count;
    }

    /// <summary>Indices of the set bits, ascending.</summary>
    public static int[] Indices(ReadOnlySpan<ulong> words, int count)
    {
        var indices = new int[count];
        var n = 0;
        for (var w = 0; w < words.Length; w++)
        {
            var word = words[w];
            var bas = w << 6;
            if (word == ulong.MaxValue)
            {
                for (var b = 0; b < 64; b++)
                    indices[n++] = bas + b;
                continue;
            }
            while (word != 0)
            {
                indices[n++] = bas + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
            }
        }
        return indices;
    }
}
