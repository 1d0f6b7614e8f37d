using System.Data.Common;
using System.Numerics;
using FramesNet.Columns;
using FramesNet.Oracle.Tests.Data;

namespace FramesNet.Oracle.Tests.Checking;

/// <summary>
/// Result rows in one canonical form for comparing the engines: every integer a <see cref="BigInteger"/>,
/// floats double, dates int days, timestamps long microseconds, strings and bools as they are, null as null.
/// The form follows the column's type in Frames' result schema.
/// </summary>
internal sealed record ResultRows(IReadOnlyList<DataType> Types, IReadOnlyList<object?[]> Rows)
{
    private static readonly long EpochTicks = new DateTime(1970, 1, 1).Ticks;

    public static ResultRows FromTable(Table table)
    {
        var types = table.Schema.Fields.Select(f => f.Type.Logical).ToList();
        var rows = table.Select(row => types.Select((t, c) => Canonical(row[c], t)).ToArray()).ToList();
        return new ResultRows(types, rows);
    }

    public static ResultRows FromReader(DbDataReader reader, IReadOnlyList<DataType> types)
    {
        if (reader.FieldCount != types.Count)
            throw new InvalidOperationException($"DuckDB returned {reader.FieldCount} columns, Frames {types.Count}");
        var rows = new List<object?[]>();
        while (reader.Read())
            rows.Add(types.Select((t, c) => reader.IsDBNull(c) ? null : Canonical(reader.GetValue(c), t)).ToArray());
        return new ResultRows(types, rows);
    }

    public static object? Canonical(object? value, DataType type) => value switch
    {
        null or DBNull => null,
        _ when type.IsInteger => value switch
        {
            BigInteger b => b,
            ulong u => new BigInteger(u),
            decimal m => new BigInteger(m),
            _ => new BigInteger(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        },
        float f => (double)f,
        double d => d,
        int days when type.Id == TypeId.Date32 => days,
        DateOnly date => date.DayNumber - DateOnly.FromDateTime(new DateTime(1970, 1, 1)).DayNumber,
        DateTime dt when type.Id == TypeId.Date32 => (int)((dt.Ticks - EpochTicks) / TimeSpan.TicksPerDay),
        DateTime dt => (dt.Ticks - EpochTicks) / 10,
        long micros => micros,
        _ => value,
    };

    public static string Format(object?[] row, IReadOnlyList<DataType> types) =>
        "(" + string.Join(", ", row.Select((v, c) => v switch
        {
            null => "null",
            int days when types[c].Id == TypeId.Date32 => ValueText.Date(days),
            long micros when types[c].Id == TypeId.Timestamp => ValueText.Timestamp(micros),
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            string s => "\"" + s.Replace("\n", "\\n") + "\"",
            _ => v.ToString(),
        })) + ")";
}
