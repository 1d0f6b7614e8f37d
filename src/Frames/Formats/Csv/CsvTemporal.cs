using System.Runtime.CompilerServices;
using FramesNet.Columns;

namespace FramesNet.Formats.Csv;

/// <summary>
/// ISO-8601 dates (<c>YYYY-MM-DD</c>) and timestamps (<c>YYYY-MM-DD[T ]HH:MM[:SS[.fraction]][Z|±HH[:MM]]</c>)
/// parsed straight from UTF-8 bytes, and written back the same way.
/// </summary>
internal static class CsvTemporal
{
    private const long SecondsPerDay = 86_400;

    /// <summary>Exactly <c>YYYY-MM-DD</c>, a real calendar day, as days since 1970-01-01.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseDate(ReadOnlySpan<byte> text, out int days)
    {
        days = 0;
        if (text.Length != 10 || text[4] != (byte)'-' || text[7] != (byte)'-')
            return false;
        var year = Digits(text, 0, 4);
        var month = Digits(text, 5, 2);
        var day = Digits(text, 8, 2);
        if ((year | month | day) < 0 || !IsValidDate(year, month, day))
            return false;
        days = DaysFromCivil(year, month, day);
        return true;
    }

    /// <summary>A timestamp as seconds since the epoch plus nanoseconds; a value with an offset is moved to UTC.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, out long seconds, out int nanoseconds, out bool hasOffset)
    {
        seconds = 0;
        nanoseconds = 0;
        hasOffset = false;
        if (text.Length < 10 || !TryParseDate(text[..10], out var days))
            return false;
        long secondOfDay = 0;
        var i = 10;
        if (i < text.Length && text[i] is (byte)'T' or (byte)'t' or (byte)' ')
        {
            if (text.Length < i + 6 || text[i + 3] != (byte)':')
                return false;
            var hour = Digits(text, i + 1, 2);
            var minute = Digits(text, i + 4, 2);
            var second = 0;
            i += 6;
            if (i < text.Length && text[i] == (byte)':')
            {
                second = text.Length >= i + 3 ? Digits(text, i + 1, 2) : -1;
                i += 3;
                if (i < text.Length && text[i] is (byte)'.' or (byte)',')
                {
                    var start = ++i;
                    var scale = 100_000_000;
                    while (i < text.Length && (uint)(text[i] - '0') <= 9)
                    {
                        if (i - start < 9)
                        {
                            nanoseconds += (text[i] - '0') * scale;
                            scale /= 10;
                        }
                        i++;
                    }
                    if (i == start)
                        return false;
                }
            }
            if (hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
                return false;
            secondOfDay = hour * 3600 + minute * 60 + second;
        }
        else if (i != text.Length)
        {
            return false;
        }

        long offsetSeconds = 0;
        if (i < text.Length)
        {
            if (text[i] is (byte)'Z' or (byte)'z')
            {
                i++;
            }
            else if (text[i] is (byte)'+' or (byte)'-')
            {
                var sign = text[i] == (byte)'-' ? -1 : 1;
                var offsetHours = text.Length >= i + 3 ? Digits(text, i + 1, 2) : -1;
                var offsetMinutes = 0;
                i += 3;
                if (i < text.Length && text[i] == (byte)':')
                    i++;
                if (i + 2 <= text.Length)
                {
                    offsetMinutes = Digits(text, i, 2);
                    i += 2;
                }
                if (offsetHours is < 0 or > 23 || offsetMinutes is < 0 or > 59)
                    return false;
                offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60);
            }
            else
            {
                return false;
            }
            hasOffset = true;
            if (i != text.Length)
                return false;
        }
        seconds = days * SecondsPerDay + secondOfDay - offsetSeconds;
        return true;
    }

    /// <summary>Seconds plus nanoseconds in <paramref name="unit"/> (finer digits are dropped); false on overflow.</summary>
    public static bool TryToUnit(long seconds, int nanoseconds, TimeUnit unit, out long value)
    {
        var perSecond = Temporal.UnitsPerSecond(unit);
        var nanosPerUnit = 1_000_000_000 / perSecond;
        try
        {
            value = checked(seconds * perSecond + nanoseconds / nanosPerUnit);
            return true;
        }
        catch (OverflowException)
        {
            value = 0;
            return false;
        }
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse, by eras of 400 years).</summary>
    public static int DaysFromCivil(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - era * 400;
        var dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private static bool IsValidDate(int year, int month, int day) =>
        year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    /// <summary>The decimal number in <c>text[start..start+count)</c>, or -1 if a byte is not a digit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digits(ReadOnlySpan<byte> text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
                return -1;
            value = value * 10 + (int)digit;
        }
        return value;
    }

    /// <summary>Writes <c>YYYY-MM-DD</c>; false when the day is outside years 1..9999.</summary>
    public static bool TryFormatDate(int days, Span<byte> destination, out int written)
    {
        written = 0;
        var dayNumber = 719_162L + days;
        if (dayNumber is < 0 or > 3_652_058 || destination.Length < 10)
            return false;
        var date = DateOnly.FromDayNumber((int)dayNumber);
        Write4(destination, date.Year);
        destination[4] = (byte)'-';
        Write2(destination[5..], date.Month);
        destination[7] = (byte)'-';
        Write2(destination[8..], date.Day);
        written = 10;
        return true;
    }

    /// <summary>Writes <c>YYYY-MM-DDTHH:MM:SS</c>, then 3/6/9 fraction digits by unit and <c>Z</c> when the type has a zone.</summary>
    public static bool TryFormatTimestamp(long value, DataType type, Span<byte> destination, out int written)
    {
        written = 0;
        var perSecond = Temporal.UnitsPerSecond(type.Unit);
        var seconds = Temporal.FloorDiv(value, perSecond);
        var fraction = Temporal.FloorMod(value, perSecond);
        var days = Temporal.FloorDiv(seconds, SecondsPerDay);
        if (days is < -719_162 or > 2_932_896 || destination.Length < 32 || !TryFormatDate((int)days, destination, out _))
            return false;
        var secondOfDay = (int)(seconds - days * SecondsPerDay);
        destination[10] = (byte)'T';
        Write2(destination[11..], secondOfDay / 3600);
        destination[13] = (byte)':';
        Write2(destination[14..], secondOfDay / 60 % 60);
        destination[16] = (byte)':';
        Write2(destination[17..], secondOfDay % 60);
        var at = 19;
        var digits = type.Unit switch { TimeUnit.Millisecond => 3, TimeUnit.Microsecond => 6, TimeUnit.Nanosecond => 9, _ => 0 };
        if (digits > 0)
        {
            destination[at++] = (byte)'.';
            for (var i = digits - 1; i >= 0; i--)
            {
                destination[at + i] = (byte)('0' + fraction % 10);
                fraction /= 10;
            }
            at += digits;
        }
        if (type.TimeZone is not null)
            destination[at++] = (byte)'Z';
        written = at;
        return true;
    }

    private static void Write2(Span<byte> destination, int value)
    {
        destination[0] = (byte)('0' + value / 10);
        destination[1] = (byte)('0' + value % 10);
    }

    private static void Write4(Span<byte> destination, int value)
    {
        Write2(destination, value / 100);
        Write2(destination[2..], value % 100);
    }
}
