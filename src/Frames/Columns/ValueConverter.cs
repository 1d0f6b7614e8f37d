using System.Globalization;

namespace FramesNet.Columns;

/// <summary>Turns boxed .NET values into the storage value of an Arrow type (slow paths: row sources, literals).</summary>
internal static class ValueConverter
{
    public static T To<T>(object value, DataType type) where T : unmanaged
    {
        if (value is T same && type.Id is not (TypeId.Date32 or TypeId.Timestamp))
            return same;
        object converted = type.Id switch
        {
            TypeId.Date32 => value switch
            {
                DateOnly d => Temporal.DaysFromDate(d),
                DateTime dt => Temporal.DaysFromDate(DateOnly.FromDateTime(dt)),
                DateTimeOffset dto => Temporal.DaysFromDate(DateOnly.FromDateTime(dto.UtcDateTime)),
                string s => Temporal.DaysFromDate(DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
                _ => Convert.ToInt32(value, CultureInfo.InvariantCulture),
            },
            TypeId.Timestamp => value switch
            {
                DateTime dt => Temporal.TimestampFromDateTime(dt, type.Unit),
                DateTimeOffset dto => Temporal.TimestampFromDateTime(dto.UtcDateTime, type.Unit),
                string s => Temporal.TimestampFromDateTime(
                    DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), type.Unit),
                _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            },
            _ => Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture),
        };
        return (T)converted;
    }

    public static bool ToBool(object value) => value switch
    {
        bool b => b,
        string s => bool.Parse(s),
        _ => Convert.ToBoolean(value, CultureInfo.InvariantCulture),
    };
}
