using System.Globalization;
using System.Text;

namespace FramesNet.Tests.Formats.Arrow.Support;

/// <summary>Numbers as JavaScript's Number#toString prints them (what the interop tool's canonical JSON holds).</summary>
internal static class JsNumber
{
    /// <summary>The shortest round-trip digits of a finite double, laid out by the ECMAScript Number::toString rules.</summary>
    public static string Format(double value)
    {
        if (value == 0)
            return "0";
        var (digits, exponent) = Decompose(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        var sign = value < 0 ? "-" : "";
        int k = digits.Length, n = exponent;
        if (k <= n && n <= 21)
            return sign + digits + new string('0', n - k);
        if (0 < n && n <= 21)
            return sign + digits[..n] + "." + digits[n..];
        if (-6 < n && n <= 0)
            return sign + "0." + new string('0', -n) + digits;
        var e = n - 1;
        var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
        return $"{sign}{mantissa}e{(e > 0 ? "+" : "-")}{Math.Abs(e)}";
    }

    /// <summary>The shortest decimal that rounds to the same float32, as a double (the tool's shortestFloat32).</summary>
    public static double ShortestFloat32(float value)
    {
        if (value == 0 || !float.IsFinite(value))
            return value;
        for (var precision = 1; precision <= 9; precision++)
        {
            var candidate = double.Parse(((double)value).ToString("E" + (precision - 1), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if ((float)candidate == value)
                return candidate;
        }
        return value;
    }

    /// <summary>Significant digits (no leading or trailing zeros) and n such that the value is 0.DIGITS × 10^n.</summary>
    private static (string Digits, int Exponent) Decompose(string text)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var point = text.IndexOf('.');
        var integerDigits = point < 0 ? text.Length : point;
        var all = new StringBuilder(text.Length).Append(text.Replace(".", "")).ToString();
        var leading = 0;
        while (leading < all.Length - 1 && all[leading] == '0')
            leading++;
        var digits = all[leading..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, integerDigits - leading + exponent);
    }
}
