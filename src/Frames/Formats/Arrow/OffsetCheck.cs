using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// The fast path of offset validation on read: first offset non-negative, never decreasing, last inside
/// the data. Vectorised, since it runs over every string column read; the column's own CheckOffsets says
/// what is wrong when this finds a problem.
/// </summary>
internal static class OffsetCheck
{
    public static bool IsValid<T>(ReadOnlySpan<T> offsets, int dataLength) where T : unmanaged, INumber<T>
    {
        if (offsets.IsEmpty)
            return true;
        if (offsets[0] < T.Zero || offsets[^1] > T.CreateTruncating(dataLength))
            return false;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(offsets);
            for (; i + Vector256<T>.Count < offsets.Length; i += Vector256<T>.Count)
            {
                var current = Vector256.LoadUnsafe(ref start, (nuint)i);
                var next = Vector256.LoadUnsafe(ref start, (nuint)i + 1);
                if (Vector256.LessThanAny(next, current))
                    return false;
            }
        }
        for (; i + 1 < offsets.Length; i++)
            if (offsets[i + 1] < offsets[i])
                return false;
        return true;
    }
}
