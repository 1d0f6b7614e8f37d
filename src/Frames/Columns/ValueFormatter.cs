using System.Globalization;

namespace FramesNet.Columns;

/// <summary>Text for one value, as tables print it and CSV writes it: invariant culture, ISO dates, round-trip floats.</summary>
public static class ValueFormatter
{
    /// <summary>The text of value <paramref name="index"/>, or null for a null.</summary>
    public static string? Format(Column column, int index)
    {
        if (!column.IsValid(index))
            return null;
        return column switch
        {
            PrimitiveColumn<double> c => FormatDouble(c.Values[index]),
            PrimitiveColumn<float> c => c.Values[index].ToString("R", CultureInfo.InvariantCulture),
            PrimitiveColumn<int> c when c.Type.Id == TypeId.Date32 => FormatDate(c.Values[index]),
            PrimitiveColumn<long> c when c.Type.Id == TypeId.Timestamp => FormatTimestamp(c.Values[index], c.Type),
            BooleanColumn c => c[index] ? "true" : "false",
            BinaryColumn { Type.Id: TypeId.Binary } c => Convert.ToHexStringLower(c.GetBytes(index)),
            LargeBinaryColumn { Type.Id: TypeId.LargeBinary } c => Convert.ToHexStringLower(c.GetBytes(index)),
            DictionaryColumn c => Format(c.DictionaryValues, checked((int)c.GetIndex(index))),
            _ => Convert.ToString(column.GetValue(index), CultureInfo.InvariantCulture),
        };
    }

    public static string FormatDouble(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string FormatDate(int days)
    {
        var dayNumber = 719162L + days;
        return dayNumber is >= 0 and <= 3652058 // DateOnly's range
            ? DateOnly.FromDayNumber((int)dayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : days.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>ISO-8601: seconds plus 0/3/6/9 fraction digits by unit, and Z when the type has a zone.</summary>
    public static string FormatTimestamp(long value, DataType type)
    {
        var perSecond = Temporal.UnitsPerSecond(type.Unit);
        var seconds = Temporal.FloorDiv(value, perSecond);
        var fraction = Temporal.FloorMod(value, perSecond);
        const long minSeconds = -62135596800L, maxSeconds = 253402300799L; // 0001-01-01 .. 9999-12-31
        if (seconds < minSeconds || seconds > maxSeconds)
            return value.ToString(CultureInfo.InvariantCulture);
        var text = DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var digits = type.Unit switch { TimeUnit.Millisecond => 3, TimeUnit.Microsecond => 6, TimeUnit.Nanosecond => 9, _ => 0 };
        if (digits > 0)
            text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        return type.TimeZone is null ? text : text + "Z";
    }
}
