using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FramesNet.Formats.Csv;

/// <summary>
/// Fast paths for the numbers CSV files are full of. Anything they do not take (exponents, long mantissas,
/// NaN, a leading '+') goes to the BCL parsers, so the results are always those of <c>long.Parse</c> and
/// <c>double.Parse</c>, bit for bit.
/// </summary>
/// <remarks>
/// Digits are read eight at a time from one 64-bit word (no loop, no branch per digit), so the text must be
/// followed by at least 8 readable bytes, as the read buffer's padding guarantees. Results are written through
/// <c>ref</c> and only on success, which keeps the decoder loops free of address-taken locals.
/// </remarks>
internal static class CsvNumbers
{
    /// <summary>Signs, decimal points and exponents; no spaces, no thousands separators.</summary>
    public const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private const ulong ExactDoubleMantissa = 1UL << 53;
    private const ulong ExactSingleMantissa = 1UL << 24;
    private const ulong ZeroDigits = 0x3030_3030_3030_3030;
    private const ulong NotDigits = ulong.MaxValue;

    private static ReadOnlySpan<double> PowersOf10 =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private static ReadOnlySpan<float> SinglePowersOf10 => [1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f];

    /// <summary>An optional '-' and 1 to 16 digits. Calls nothing, so decoder loops stay in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseInt64Fast(ReadOnlySpan<byte> text, ref long value)
    {
        var length = text.Length;
        ref var start = ref MemoryMarshal.GetReference(text);
        var negative = start == (byte)'-'; // readable even when the text is empty (padding)
        if (negative)
        {
            start = ref Unsafe.Add(ref start, 1);
            length--;
        }
        ulong result;
        if ((uint)(length - 1) < 8)
        {
            result = Digits(Unsafe.ReadUnaligned<ulong>(ref start), length);
        }
        else if ((uint)(length - 9) < 8)
        {
            var high = Digits(Unsafe.ReadUnaligned<ulong>(ref start), length - 8);
            var low = Digits(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, length - 8)), 8);
            result = (high | low) == NotDigits ? NotDigits : high * 100_000_000 + low;
        }
        else
        {
            return false;
        }
        if (result == NotDigits)
            return false;
        value = negative ? -(long)result : (long)result;
        return true;
    }

    /// <summary>An optional '-' and 1 to 18 digits (which cannot overflow), digit by digit.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> text, ref long value)
    {
        if (text.IsEmpty || text.Length > 18)
            return false;
        var negative = text[0] == (byte)'-';
        var i = negative ? 1 : 0;
        if (i == text.Length)
            return false;
        ulong result = 0;
        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
                return false;
            result = result * 10 + digit;
        }
        value = negative ? -(long)result : (long)result;
        return true;
    }

    /// <summary>
    /// <c>[-]digits[.digits]</c> of at most 8 digits: the mantissa and the power of ten are both exact doubles and
    /// IEEE division rounds correctly, so <c>mantissa / 10^k</c> is the correctly rounded value. Calls nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseFloat64Fast(ReadOnlySpan<byte> text, ref double value)
    {
        var length = text.Length;
        ref var start = ref MemoryMarshal.GetReference(text);
        var negative = start == (byte)'-'; // readable even when the text is empty (padding)
        if (negative)
        {
            start = ref Unsafe.Add(ref start, 1);
            length--;
        }
        if ((uint)(length - 1) >= 8)
            return false;

        // At most 8 bytes: find the first '.', squeeze it out, read the digits as one integer. A second point
        // stays in the word and fails the digit check; a '.' past the field is ignored (point >= length).
        var word = Unsafe.ReadUnaligned<ulong>(ref start);
        var point = BitOperations.TrailingZeroCount(FirstZeroByte(word ^ 0x2E2E_2E2E_2E2E_2E2E)) >> 3;
        var scale = 0;
        if (point < length)
        {
            var below = (1UL << (8 * point)) - 1;
            word = (word & below) | ((word >> 8) & ~below);
            length--;
            scale = length - point;
            if (length == 0)
                return false;
        }
        var mantissa = Digits(word, length);
        if (mantissa == NotDigits)
            return false;
        // Below 10^8, so the signed conversion (one instruction) is exact; scale is at most 7.
        var result = (long)mantissa / Unsafe.Add(ref MemoryMarshal.GetReference(PowersOf10), scale);
        value = negative ? -result : result;
        return true;
    }

    /// <summary><c>[-]digits[.digits]</c> with a mantissa up to 2^53 (exact, as above), digit by digit.</summary>
    public static bool TryParseFloat64(ReadOnlySpan<byte> text, ref double value)
    {
        if (text.IsEmpty || text.Length > 18)
            return false;
        var negative = text[0] == (byte)'-';
        var i = negative ? 1 : 0;
        ulong mantissa = 0;
        var dot = -1;
        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit <= 9)
                mantissa = mantissa * 10 + digit;
            else if (text[i] == (byte)'.' && dot < 0)
                dot = i;
            else
                return false;
        }
        var digits = text.Length - (negative ? 1 : 0) - (dot < 0 ? 0 : 1);
        if (digits == 0 || mantissa > ExactDoubleMantissa)
            return false;
        var scale = dot < 0 ? 0 : text.Length - dot - 1;
        var result = (long)mantissa / PowersOf10[scale];
        value = negative ? -result : result;
        return true;
    }

    /// <summary>The float32 version of <see cref="TryParseFloat64Fast"/>: mantissa below 2^24, at most 10 decimals.</summary>
    public static bool TryParseFloat32Fast(ReadOnlySpan<byte> text, ref float value)
    {
        if (text.IsEmpty || text.Length > 12)
            return false;
        var negative = text[0] == (byte)'-';
        var i = negative ? 1 : 0;
        ulong mantissa = 0;
        var dot = -1;
        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit <= 9)
                mantissa = mantissa * 10 + digit;
            else if (text[i] == (byte)'.' && dot < 0)
                dot = i;
            else
                return false;
        }
        var digits = text.Length - (negative ? 1 : 0) - (dot < 0 ? 0 : 1);
        var scale = dot < 0 ? 0 : text.Length - dot - 1;
        if (digits == 0 || mantissa > ExactSingleMantissa || scale > 10)
            return false;
        var result = (long)mantissa / SinglePowersOf10[scale];
        value = negative ? -result : result;
        return true;
    }

    public static bool TryParseBool(ReadOnlySpan<byte> text, out bool value)
    {
        value = false;
        switch (text.Length)
        {
            case 1 when text[0] is (byte)'1' or (byte)'0':
                value = text[0] == (byte)'1';
                return true;
            case 4 when System.Text.Ascii.EqualsIgnoreCase(text, "true"u8):
                value = true;
                return true;
            case 5 when System.Text.Ascii.EqualsIgnoreCase(text, "false"u8):
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The number written by the first <paramref name="count"/> (1..8) bytes of <paramref name="word"/> (first
    /// character in the low byte), or <see cref="NotDigits"/> when one of them is not a digit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Digits(ulong word, int count)
    {
        // XOR with '0' maps exactly the bytes '0'..'9' to 0..9. Shifting left drops the bytes past the number
        // and brings in zero bytes: eight digits with leading zeros.
        var digits = (word ^ ZeroDigits) << (8 * (8 - count));
        // A byte above 9 sets its high bit when 0x76 is added (or already has it).
        if ((((digits + 0x7676_7676_7676_7676) | digits) & 0x8080_8080_8080_8080) != 0)
            return NotDigits;
        // Eight digits to their value with three multiplications: pairs, then quads, then the whole.
        digits = digits * 10 + (digits >> 8);
        return ((digits & 0x0000_00FF_0000_00FF) * (100 + (1_000_000UL << 32)) +
                ((digits >> 16) & 0x0000_00FF_0000_00FF) * (1 + (10_000UL << 32))) >> 32;
    }

    /// <summary>The lowest zero byte of <paramref name="word"/> has its high bit set (bytes above it may too).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FirstZeroByte(ulong word) => (word - 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080;
}
