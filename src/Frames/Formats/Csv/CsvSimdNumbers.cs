using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FramesNet.Formats.Csv;

/// <summary>
/// The short-number fast paths of <see cref="CsvNumbers"/> for four fields at once with AVX2: the same 64-bit word
/// arithmetic (sign, point removal, eight-digit multiply) in the four lanes of a vector, one vector division for
/// the four doubles. A lane that does not hold a short number is reported and left to the scalar paths.
/// </summary>
/// <remarks>
/// Takes exactly what the scalar fast paths take (an optional '-', at most 8 digits, for floats one optional
/// point) and computes the same exact results. Each field must be followed by 8 readable bytes.
/// </remarks>
internal static unsafe class CsvSimdNumbers
{
    public static bool IsSupported => Avx2.IsSupported;

    private static ReadOnlySpan<double> PowersOf10 => [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7];

    /// <summary>Parses four decimals into <paramref name="target"/>; returns a 4-bit mask of the lanes that parsed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ParseFloat64(byte* data, int start0, int length0, int start1, int length1, int start2, int length2,
        int start3, int length3, double* target)
    {
        var negative = Load(data, start0, length0, start1, length1, start2, length2, start3, length3, out var words, out var lengths);
        var valid = InRange(lengths);

        // The first '.' inside the field: squeeze it out, note how many digits followed it.
        var dots = words ^ Vector256.Create(0x2E2E_2E2E_2E2E_2E2EUL);
        var zeros = (dots - Vector256.Create(0x0101_0101_0101_0101UL)) & ~dots & Vector256.Create(0x8080_8080_8080_8080UL);
        zeros &= Avx2.ShiftLeftLogicalVariable(Vector256<ulong>.One, (lengths << 3).AsUInt64()) - Vector256<ulong>.One;
        var first = zeros & (Vector256<ulong>.Zero - zeros);
        var unit = first >>> 7;                                    // 1 in the point's byte
        var below = unit - Vector256<ulong>.One;                   // bytes before the point (all when none)
        words = (words & below) | ((words >>> 8) & ~below);
        var hasPoint = Vector256.Equals(first, Vector256<ulong>.Zero).AsInt64() ^ Vector256<long>.AllBitsSet;
        var point = BytePosition(unit);
        lengths += hasPoint;                                       // one byte less where there was a point
        var scale = (lengths - point) & hasPoint;
        valid &= Vector256.GreaterThan(lengths, Vector256<long>.Zero);

        var mantissa = Digits(words, lengths, ref valid);
        var indices = Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6);
        var values = Avx.ConvertToVector256Double(Avx2.PermuteVar8x32(mantissa.AsInt32(), indices).GetLower());
        fixed (double* powers = PowersOf10)
        {
            var divisors = Avx2.GatherVector256(powers, Avx2.PermuteVar8x32(scale.AsInt32(), indices).GetLower(), 8);
            var results = Avx.Divide(values, divisors) ^ (negative & Vector256.Create(long.MinValue)).AsDouble();
            results.Store(target);
        }
        return (int)valid.ExtractMostSignificantBits();
    }

    /// <summary>Parses four integers into <paramref name="target"/>; returns a 4-bit mask of the lanes that parsed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ParseInt64(byte* data, int start0, int length0, int start1, int length1, int start2, int length2,
        int start3, int length3, long* target)
    {
        var negative = Load(data, start0, length0, start1, length1, start2, length2, start3, length3, out var words, out var lengths);
        var valid = InRange(lengths);
        var mantissa = Digits(words, lengths, ref valid).AsInt64();
        ((mantissa ^ negative) - negative).Store(target);
        return (int)valid.ExtractMostSignificantBits();
    }

    /// <summary>
    /// The 8 bytes after each field's '-' (if any) and the lengths without it; returns lanes all ones where there
    /// was a '-'. The sign is checked before loading so that eight digits after a '-' are all in the word.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> Load(byte* data, int start0, int length0, int start1, int length1, int start2, int length2,
        int start3, int length3, out Vector256<ulong> words, out Vector256<long> lengths)
    {
        int sign0 = data[start0] == (byte)'-' ? 1 : 0, sign1 = data[start1] == (byte)'-' ? 1 : 0;
        int sign2 = data[start2] == (byte)'-' ? 1 : 0, sign3 = data[start3] == (byte)'-' ? 1 : 0;
        words = Vector256.Create(*(ulong*)(data + start0 + sign0), *(ulong*)(data + start1 + sign1),
            *(ulong*)(data + start2 + sign2), *(ulong*)(data + start3 + sign3));
        lengths = Vector256.Create((long)(length0 - sign0), length1 - sign1, length2 - sign2, length3 - sign3);
        return Vector256.Create(-(long)sign0, -sign1, -sign2, -sign3);
    }

    /// <summary>Lanes whose length is 1..8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> InRange(Vector256<long> lengths) =>
        Vector256.GreaterThan(lengths, Vector256<long>.Zero) & Vector256.LessThan(lengths, Vector256.Create(9L));

    /// <summary>The byte index of the one set byte of each lane (0 for an empty lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> BytePosition(Vector256<ulong> unit)
    {
        var weights = Vector256.Create((sbyte)0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7);
        var pairs = Avx2.MultiplyAddAdjacent(unit.AsByte(), weights);
        var quads = Avx2.MultiplyAddAdjacent(pairs, Vector256<short>.One).AsInt64();
        return (quads & Vector256.Create(0xFFFF_FFFFL)) + (quads >>> 32);
    }

    /// <summary>The numbers in the first <paramref name="lengths"/> bytes of each lane; clears <paramref name="valid"/> for non-digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Digits(Vector256<ulong> words, Vector256<long> lengths, ref Vector256<long> valid)
    {
        var digits = Avx2.ShiftLeftLogicalVariable(words ^ Vector256.Create(0x3030_3030_3030_3030UL),
            (Vector256.Create(64L) - (lengths << 3)).AsUInt64());
        var high = ((digits + Vector256.Create(0x7676_7676_7676_7676UL)) | digits) & Vector256.Create(0x8080_8080_8080_8080UL);
        valid &= Vector256.Equals(high, Vector256<ulong>.Zero).AsInt64();
        digits = (digits << 3) + (digits << 1) + (digits >>> 8);   // pairs of digits
        var low = digits & Vector256.Create(0x0000_00FF_0000_00FFUL);
        var next = (digits >>> 16) & Vector256.Create(0x0000_00FF_0000_00FFUL);
        return Avx2.Multiply(low.AsUInt32(), Vector256.Create(1_000_000UL).AsUInt32())
             + Avx2.Multiply((low >>> 32).AsUInt32(), Vector256.Create(100UL).AsUInt32())
             + Avx2.Multiply(next.AsUInt32(), Vector256.Create(10_000UL).AsUInt32())
             + (next >>> 32);
    }
}
