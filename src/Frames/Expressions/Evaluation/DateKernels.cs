using FramesNet.Columns;
using FramesNet.Expressions.Binding;

namespace FramesNet.Expressions.Evaluation;

/// <summary>Year, month, day and ISO day of week of date32 and timestamp values (proleptic Gregorian, UTC).</summary>
internal static class DateKernels
{
    public static Datum Part(ScalarFunction part, Datum input, DataType inputType, int length)
    {
        if (input.IsScalar)
        {
            var v = input.Scalar!.Value;
            return Datum.Constant(new BoundLiteral(v is null ? null : Extract(part, ToDays(v, inputType)), DataType.Int64));
        }
        var column = input.Column!;
        var builder = new PrimitiveColumnBuilder<long>(DataType.Int64, length);
        if (column is PrimitiveColumn<int> dates)
        {
            var values = dates.Values;
            for (var i = 0; i < length; i++)
            {
                if (dates.IsValid(i)) builder.Append(Extract(part, values[i]));
                else builder.AppendNull();
            }
        }
        else
        {
            var stamps = (PrimitiveColumn<long>)column;
            var perDay = 86_400L * Temporal.UnitsPerSecond(inputType.Unit);
            var values = stamps.Values;
            for (var i = 0; i < length; i++)
            {
                if (stamps.IsValid(i)) builder.Append(Extract(part, Temporal.FloorDiv(values[i], perDay)));
                else builder.AppendNull();
            }
        }
        return builder.Build();
    }

    private static long ToDays(object value, DataType type) => type.Id == TypeId.Date32
        ? (int)value
        : Temporal.FloorDiv((long)value, 86_400L * Temporal.UnitsPerSecond(type.Unit));

    private static long Extract(ScalarFunction part, long days)
    {
        if (part == ScalarFunction.DayOfWeek)
            return Temporal.FloorMod(days + 3, 7) + 1; // 1970-01-01 was a Thursday (ISO 4)
        var (year, month, day) = CivilFromDays(days);
        return part switch
        {
            ScalarFunction.Year => year,
            ScalarFunction.Month => month,
            ScalarFunction.Day => day,
            _ => throw new ArgumentOutOfRangeException(nameof(part), part, "not a date part"),
        };
    }

    /// <summary>Days since 1970-01-01 → (year, month, day), by counting 400-year eras of 146,097 days from 0000-03-01.</summary>
    internal static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        days += 719_468;
        var era = Temporal.FloorDiv(days, 146_097);
        var dayOfEra = days - era * 146_097;
        var yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var shiftedMonth = (5 * dayOfYear + 2) / 153;
        var day = (int)(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        var month = (int)(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        var year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return (year, month, day);
    }
}
