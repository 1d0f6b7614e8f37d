namespace FramesNet.Columns;

/// <summary>Conversions between Arrow's temporal encodings and .NET's date and time types.</summary>
public static class Temporal
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int EpochDayNumber = 719162; // DateOnly(1970, 1, 1).DayNumber

    public static DateOnly DateFromDays(int days) => DateOnly.FromDayNumber(EpochDayNumber + days);

    public static int DaysFromDate(DateOnly date) => date.DayNumber - EpochDayNumber;

    public static long TicksPerUnit(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => TimeSpan.TicksPerSecond,
        TimeUnit.Millisecond => TimeSpan.TicksPerMillisecond,
        TimeUnit.Microsecond => 10,
        TimeUnit.Nanosecond => 0, // nanoseconds are finer than a tick
    };

    public static long UnitsPerSecond(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => 1,
        TimeUnit.Millisecond => 1_000,
        TimeUnit.Microsecond => 1_000_000,
        TimeUnit.Nanosecond => 1_000_000_000,
    };

    /// <summary>The UTC instant of a timestamp value (nanoseconds are truncated to .NET's 100 ns ticks).</summary>
    public static DateTime DateTimeFromTimestamp(long value, TimeUnit unit)
    {
        var ticks = unit == TimeUnit.Nanosecond ? FloorDiv(value, 100) : checked(value * TicksPerUnit(unit));
        return Epoch.AddTicks(ticks);
    }

    public static long TimestampFromDateTime(DateTime value, TimeUnit unit)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        var ticks = utc.Ticks - Epoch.Ticks;
        return unit == TimeUnit.Nanosecond ? checked(ticks * 100) : FloorDiv(ticks, TicksPerUnit(unit));
    }

    internal static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }

    internal static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;
}
