using System.Globalization;

namespace FramesNet.Formats.Csv;

/// <summary>
/// Shortest round-trip text of a double, as <c>double.ToString("R")</c> writes it, with a fast path for the
/// decimals CSV files are full of.
/// </summary>
/// <remarks>
/// For 1e-4 &lt;= |v| &lt; 1e15 the fast path finds the fewest decimals k whose integer m = round(|v|·10^k) gives
/// back v as m / 10^k (the reader's exact parse). With m below 10^15, two different m at the same k can never
/// give the same double, so that text is the shortest one and equals what "R" prints. Anything else (more digits,
/// exponents, NaN, infinities) goes to the BCL formatter.
/// </remarks>
internal static class CsvDoubleFormatter
{
    private const long MaxMantissa = 1_000_000_000_000_000; // 10^15

    private static ReadOnlySpan<double> PowersOf10 =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    ];

    /// <summary>Writes the text to <paramref name="destination"/> (at least 32 bytes); returns its length.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        var magnitude = Math.Abs(value);
        if (magnitude is >= 1e-4 and < 1e15)
        {
            for (var scale = 0; scale <= 18; scale++)
            {
                var scaled = Math.Round(magnitude * PowersOf10[scale]);
                if (scaled >= MaxMantissa)
                    break;
                var mantissa = (long)scaled;
                if (mantissa / PowersOf10[scale] == magnitude)
                    return Write(value < 0, mantissa, scale, destination);
            }
        }
        value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    private static int Write(bool negative, long mantissa, int scale, Span<byte> destination)
    {
        Span<byte> digits = stackalloc byte[20];
        var count = 0;
        do
        {
            digits[count++] = (byte)('0' + mantissa % 10);
            mantissa /= 10;
        }
        while (mantissa != 0);
        var at = 0;
        if (negative)
            destination[at++] = (byte)'-';
        // Digits before the point (at least a 0), the point, then the decimals with their leading zeros.
        if (count <= scale)
        {
            destination[at++] = (byte)'0';
        }
        else
        {
            for (var i = count - 1; i >= scale; i--)
                destination[at++] = digits[i];
        }
        if (scale > 0)
        {
            destination[at++] = (byte)'.';
            for (var i = scale - 1; i >= 0; i--)
                destination[at++] = i < count ? digits[i] : (byte)'0';
        }
        return at;
    }
}
