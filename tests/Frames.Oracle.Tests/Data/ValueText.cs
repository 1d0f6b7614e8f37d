using System.Globalization;
using FramesNet.Columns;

namespace FramesNet.Oracle.Tests.Data;

/// <summary>Canonical values as text: for failure messages, CSV files and SQL literals.</summary>
internal static class ValueText
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static string Format(object? value, DataType type) => value switch
    {
        null => "null",
        string s => "\"" + s.Replace("\n", "\\n") + "\"",
        _ => Plain(value, type),
    };

    /// <summary>The value as CSV or SQL text without quoting: numbers round-trip, dates ISO.</summary>
    public static string Plain(object value, DataType type) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        int days when type.Id == TypeId.Date32 => Date(days),
        long micros when type.Id == TypeId.Timestamp => Timestamp(micros),
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    public static string Date(int days) => DateOnly.FromDateTime(Epoch.AddDays(days)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Timestamp(long micros) =>
        Epoch.AddTicks(micros * 10).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public static DateTime DateTimeOf(long micros) => Epoch.AddTicks(micros * 10);

    public static DateOnly DateOf(int days) => DateOnly.FromDateTime(Epoch.AddDays(days));
}
