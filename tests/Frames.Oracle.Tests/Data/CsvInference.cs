using System.Globalization;
using FramesNet.Columns;

namespace FramesNet.Oracle.Tests.Data;

/// <summary>
/// Whether Frames' CSV type inference (docs/csv.md) must give a table's own schema: every column has a value,
/// is of an inferable type, and its values cannot be read as a narrower family (floats need a fraction,
/// strings a value that is not a number, bool or date).
/// </summary>
internal static class CsvInference
{
    public static bool IsUnambiguous(OracleTable table) => table.Columns.All(Unambiguous);

    private static bool Unambiguous(OracleColumn column)
    {
        var values = column.Values.Where(v => v is not null).ToList();
        if (values.Count == 0)
            return false;
        var type = column.Type;
        if (type == DataType.Int64 || type == DataType.Bool || type == DataType.Date32 || type == DataType.Timestamp(TimeUnit.Microsecond))
            return true;
        if (type == DataType.Float64)
            return values.Any(v => (double)v! != Math.Floor((double)v!));
        return type == DataType.Utf8 && values.Any(v => IsPlainText((string)v!));
    }

    private static bool IsPlainText(string s) =>
        s.Length > 0 && !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        && !bool.TryParse(s.Trim(), out _) && !DateTime.TryParse(s, CultureInfo.InvariantCulture, out _);
}
