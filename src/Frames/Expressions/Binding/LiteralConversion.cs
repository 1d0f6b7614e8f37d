using System.Globalization;
using FramesNet.Columns;

namespace FramesNet.Expressions.Binding;

/// <summary>Converts one constant between types at bind time (folding casts of literals); the rules match the cast kernels.</summary>
internal static class LiteralConversion
{
    /// <summary>The value as <paramref name="to"/>, or null when it does not convert (what TRY_CAST yields).</summary>
    public static object? Convert(object? value, DataType from, DataType to) => TryConvert(value, from, to, out var converted) ? converted : null;

    /// <summary>False when a non-null value does not convert: text that does not parse, a number out of the target's range, NaN to an integer.</summary>
    public static bool TryConvert(object? value, DataType from, DataType to, out object? converted)
    {
        converted = value;
        if (value is null || from == to)
            return true;
        try
        {
            converted = ConvertCore(value, from, to);
            return converted is not null;
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException or ArgumentException)
        {
            converted = null;
            return false;
        }
    }

    private static object? ConvertCore(object value, DataType from, DataType to)
    {
        var inv = CultureInfo.InvariantCulture;
        if (to.IsString)
            return value switch
            {
                string s => s,
                double d => ValueFormatter.FormatDouble(d),
                bool b => b ? "true" : "false",
                int days when from.Id == TypeId.Date32 => ValueFormatter.FormatDate(days),
                long ticks when from.Id == TypeId.Timestamp => ValueFormatter.FormatTimestamp(ticks, from),
                byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
                _ => System.Convert.ToString(value, inv),
            };
        if (value is string text)
        {
            text = text.Trim();
            return to.Id switch
            {
                TypeId.Bool => bool.Parse(text),
                TypeId.Date32 => Temporal.DaysFromDate(DateOnly.ParseExact(text, "yyyy-MM-dd", inv)),
                TypeId.Timestamp => Temporal.TimestampFromDateTime(
                    DateTime.Parse(text, inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), to.Unit),
                TypeId.Binary or TypeId.LargeBinary => System.Text.Encoding.UTF8.GetBytes(text),
                _ when to.IsFloating => double.Parse(text, NumberStyles.Float, inv),
                _ when to.IsUnsignedInteger => InRange(ulong.Parse(text, NumberStyles.Integer, inv), to),
                _ when to.IsInteger => InRange(long.Parse(text, NumberStyles.Integer, inv), to),
                _ => null,
            };
        }
        if (from.Id == TypeId.Date32 && to.Id == TypeId.Timestamp)
            return checked((int)value * 86_400L * Temporal.UnitsPerSecond(to.Unit));
        if (from.Id == TypeId.Timestamp && to.Id == TypeId.Date32)
            return (int)Temporal.FloorDiv((long)value, 86_400L * Temporal.UnitsPerSecond(from.Unit));
        if (from.Id == TypeId.Timestamp && to.Id == TypeId.Timestamp)
            return RescaleTimestamp((long)value, from.Unit, to.Unit);
        if (to.Id == TypeId.Bool)
            return System.Convert.ToDouble(value, inv) != 0;
        var number = value is bool flag ? (flag ? 1L : 0L) : value;
        if (to.IsFloating)
            return System.Convert.ToDouble(number, inv);
        if (number is double or float)
        {
            var d = System.Convert.ToDouble(number, inv);
            if (!double.IsFinite(d)) return null;
            number = Math.Truncate(d);
        }
        if (to.IsUnsignedInteger)
            return InRange(System.Convert.ToUInt64(number, inv), to);
        if (to.Id == TypeId.Date32)
            return System.Convert.ToInt32(number, inv);
        return InRange(System.Convert.ToInt64(number, inv), to);
    }

    /// <summary>Integers are carried as long or ulong whatever their width: one that does not fit the target width overflows.</summary>
    private static object InRange(long value, DataType to) => to.Id switch
    {
        TypeId.Int8 when value is < sbyte.MinValue or > sbyte.MaxValue => throw new OverflowException(),
        TypeId.Int16 when value is < short.MinValue or > short.MaxValue => throw new OverflowException(),
        TypeId.Int32 when value is < int.MinValue or > int.MaxValue => throw new OverflowException(),
        _ => value,
    };

    private static object InRange(ulong value, DataType to) => to.Id switch
    {
        TypeId.UInt8 when value > byte.MaxValue => throw new OverflowException(),
        TypeId.UInt16 when value > ushort.MaxValue => throw new OverflowException(),
        TypeId.UInt32 when value > uint.MaxValue => throw new OverflowException(),
        _ => value,
    };

    public static long RescaleTimestamp(long value, TimeUnit from, TimeUnit to)
    {
        var f = Temporal.UnitsPerSecond(from);
        var t = Temporal.UnitsPerSecond(to);
        return t >= f ? checked(value * (t / f)) : Temporal.FloorDiv(value, f / t);
    }
}
