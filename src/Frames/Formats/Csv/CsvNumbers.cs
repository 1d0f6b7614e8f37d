using System.Globalization;
using System.Runtime.CompilerServices;

namespace FramesNet.Formats.Csv;

/// <summary>
/// Fast paths for the numbers CSV files are full of. Anything they do not take (exponents, long mantissas,
/// NaN, a leading '+') goes to the BCL parsers, so the results are always those of <c>long.Parse</c> and
/// <c>double.Parse</c>, bit for bit.
/// </summary>
internal static class CsvNumbers
{
    /// <summary>Signs, decimal points and exponents; no spaces, no thousands separators.</summary>
    public const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private const ulong ExactDoubleMantissa = 1UL << 53;
    private const ulong ExactSingleMantissa = 1UL << 24;

    private static ReadOnlySpan<double> PowersOf10 =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private static ReadOnlySpan<float> SinglePowersOf10 => [1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f];

    /// <summary>An optional '-' and 1 to 18 digits (which cannot overflow).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseInt64Fast(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
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
    /// <c>[-]digits[.digits]</c> with a mantissa below 2^53: the mantissa and the power of ten are both exact
    /// doubles and IEEE division rounds correctly, so <c>mantissa / 10^k</c> is the correctly rounded value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseFloat64Fast(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
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
        var result = mantissa / PowersOf10[scale];
        value = negative ? -result : result;
        return true;
    }

    /// <summary>The float32 version of <see cref="TryParseFloat64Fast"/>: mantissa below 2^24, at most 10 decimals.</summary>
    public static bool TryParseFloat32Fast(ReadOnlySpan<byte> text, out float value)
    {
        value = 0;
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
        var result = mantissa / SinglePowersOf10[scale];
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
}
