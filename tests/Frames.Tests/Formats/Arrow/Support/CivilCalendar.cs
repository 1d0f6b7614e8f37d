using System.Globalization;

namespace FramesNet.Tests.Formats.Arrow.Support;

/// <summary>
/// Proleptic Gregorian dates for any day count (H. Hinnant's civil-from-days algorithms in 64-bit integers),
/// formatted and parsed as the interop tool does: years outside 0000-9999 as -0001 or +10000.
/// </summary>
internal static class CivilCalendar
{
    public static (long Year, int Month, int Day) FromDays(long days)
    {
        var z = days + 719468;
        var era = FloorDiv(z, 146097);
        var doe = z - era * 146097;
        var yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        var doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        var mp = (5 * doy + 2) / 153;
        var day = (int)(doy - (153 * mp + 2) / 5 + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (era * 400 + yoe + (month <= 2 ? 1 : 0), month, day);
    }

    public static long ToDays(long year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = FloorDiv(year, 400);
        var yoe = year - era * 400;
        var doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        var doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    public static string FormatDate(long days)
    {
        var (year, month, day) = FromDays(days);
        var y = year < 0 ? "-" + (-year).ToString("D4", CultureInfo.InvariantCulture)
            : year > 9999 ? "+" + year.ToString(CultureInfo.InvariantCulture)
            : year.ToString("D4", CultureInfo.InvariantCulture);
        return $"{y}-{month:D2}-{day:D2}";
    }

    /// <summary>"YYYY-MM-DDTHH:MM:SS" plus 0/3/6/9 fraction digits by unit, and Z when the type has a zone.</summary>
    public static string FormatTimestamp(long value, long unitsPerSecond, int digits, bool zoned)
    {
        var seconds = FloorDiv(value, unitsPerSecond);
        var fraction = value - seconds * unitsPerSecond;
        var days = FloorDiv(seconds, 86400);
        var secondOfDay = seconds - days * 86400;
        var text = $"{FormatDate(days)}T{secondOfDay / 3600:D2}:{secondOfDay / 60 % 60:D2}:{secondOfDay % 60:D2}";
        if (digits > 0)
            text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        return zoned ? text + "Z" : text;
    }

    public static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return a % b != 0 && (a < 0) != (b < 0) ? q - 1 : q;
    }
}
