using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// The fixed 64-bit hash functions behind every hash kernel. Nothing here is seeded per process: the same key
/// hashes to the same value in every process and on every machine, which hash partitioning relies on.
/// </summary>
internal static class HashMix
{
    /// <summary>The running hash before the first key column is folded in.</summary>
    public const ulong Seed = 0x243F6A8885A308D3;

    /// <summary>What a null key value contributes, whatever its type.</summary>
    public const ulong Null = 0x9E3779B97F4A7C15;

    private const ulong P1 = 0xA0761D6478BD642F;
    private const ulong P2 = 0xE7037ED1A0B428DB;
    private const ulong P3 = 0x8EBC6AF09C88C6E3;

    /// <summary>A bijective avalanche finaliser (MurmurHash3's fmix64 constants).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCD;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53;
        x ^= x >> 33;
        return x;
    }

    /// <summary>Folds one key column's value bits into the running row hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong running, ulong value) => Mix(running ^ value);

    /// <summary>Doubles by value: -0.0 as 0.0 and every NaN as one NaN, so equal keys hash alike.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong DoubleBits(double value) =>
        value == 0 ? 0 : double.IsNaN(value) ? 0x7FF8000000000000 : (ulong)BitConverter.DoubleToInt64Bits(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(ulong a, ulong b)
    {
        var hi = Math.BigMul(a, b, out var lo);
        return hi ^ lo;
    }

    /// <summary>A 64-bit hash of a byte string: 16 bytes per 128-bit multiply, the tail read with overlapping loads.</summary>
    public static ulong Bytes(ReadOnlySpan<byte> s)
    {
        var length = s.Length;
        var acc = Seed ^ ((ulong)length * P1);
        var i = 0;
        for (; length - i > 16; i += 16)
            acc = Fold(acc ^ BinaryPrimitives.ReadUInt64LittleEndian(s[i..]) ^ P2, BinaryPrimitives.ReadUInt64LittleEndian(s[(i + 8)..]) ^ P3);
        var rest = length - i;
        ulong a, b;
        if (rest > 8)
        {
            a = BinaryPrimitives.ReadUInt64LittleEndian(s[i..]);
            b = BinaryPrimitives.ReadUInt64LittleEndian(s[(length - 8)..]);
        }
        else if (rest >= 4)
        {
            a = BinaryPrimitives.ReadUInt32LittleEndian(s[i..]);
            b = BinaryPrimitives.ReadUInt32LittleEndian(s[(length - 4)..]);
        }
        else if (rest > 0)
        {
            a = ((ulong)s[i] << 16) | ((ulong)s[i + (rest >> 1)] << 8) | s[length - 1];
            b = 0;
        }
        else
        {
            a = b = 0;
        }
        acc = Fold(acc ^ a ^ P2, b ^ P3 ^ (ulong)rest);
        return Mix(acc ^ BitOperations.RotateLeft(acc, 29));
    }
}
