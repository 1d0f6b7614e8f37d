using System.Globalization;
using FramesNet.Columns;
using FramesNet.Oracle.Tests.Data;

namespace FramesNet.Oracle.Tests.Plans;

/// <summary>DuckDB spellings of names, types and constants.</summary>
internal static class Sql
{
    public static string Name(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public static string TypeName(DataType type) => type.Logical.Id switch
    {
        TypeId.Int8 => "TINYINT",
        TypeId.Int16 => "SMALLINT",
        TypeId.Int32 => "INTEGER",
        TypeId.Int64 => "BIGINT",
        TypeId.UInt8 => "UTINYINT",
        TypeId.UInt16 => "USMALLINT",
        TypeId.UInt32 => "UINTEGER",
        TypeId.UInt64 => "UBIGINT",
        TypeId.Float32 => "FLOAT",
        TypeId.Float64 => "DOUBLE",
        TypeId.Utf8 or TypeId.LargeUtf8 => "VARCHAR",
        TypeId.Bool => "BOOLEAN",
        TypeId.Date32 => "DATE",
        TypeId.Timestamp => "TIMESTAMP",
        TypeId.Null => "INTEGER",
        _ => throw new NotSupportedException($"no DuckDB type for {type}"),
    };

    /// <summary>A constant of <paramref name="type"/> (canonical value: long, double, string, bool, int days, long micros).</summary>
    public static string Literal(object? value, DataType type)
    {
        if (value is null)
            return type.Id == TypeId.Null ? "NULL" : $"CAST(NULL AS {TypeName(type)})";
        return value switch
        {
            string s => "'" + s.Replace("'", "''") + "'",
            bool b => b ? "TRUE" : "FALSE",
            double d => $"CAST('{d.ToString("R", CultureInfo.InvariantCulture)}' AS {TypeName(type)})",
            int days when type.Id == TypeId.Date32 => $"DATE '{ValueText.Date(days)}'",
            long micros when type.Id == TypeId.Timestamp => $"TIMESTAMP '{ValueText.Timestamp(micros).Replace('T', ' ')}'",
            _ => $"CAST({Convert.ToString(value, CultureInfo.InvariantCulture)} AS {TypeName(type)})",
        };
    }

    /// <summary><paramref name="sql"/> (of <paramref name="from"/>) as <paramref name="to"/>, cast only when the types differ.</summary>
    public static string As(string sql, DataType from, DataType to) =>
        from.Logical == to.Logical ? sql : $"CAST({sql} AS {TypeName(to)})";
}
