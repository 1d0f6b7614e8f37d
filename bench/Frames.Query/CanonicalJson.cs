using System.Globalization;
using System.Text;
using FramesNet.Columns;

namespace FramesNet.Query;

/// <summary>
/// The benchmark's answer format: compact JSON, keys sorted, floats rounded to 6 significant digits and
/// integral floats written as integers, null as null.
/// </summary>
public static class CanonicalJson
{
    public static string Format(string query, Table table)
    {
        var names = table.Schema.Fields.Select((f, i) => (f.Name, i)).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        var text = new StringBuilder();
        text.Append("{\"query\":\"").Append(query).Append("\",\"rows\":[");
        var first = true;
        foreach (var row in table)
        {
            if (!first) text.Append(',');
            first = false;
            text.Append('{');
            for (var k = 0; k < names.Length; k++)
            {
                if (k > 0) text.Append(',');
                text.Append('"').Append(names[k].Name).Append("\":").Append(Value(row[names[k].i]));
            }
            text.Append('}');
        }
        return text.Append("]}").ToString();
    }

    private static string Value(object? value) => value switch
    {
        null => "null",
        double d => Number(d),
        float f => Number(f),
        long or int or short or sbyte or ulong or uint or ushort or byte => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        bool b => b ? "true" : "false",
        string s => System.Text.Json.JsonSerializer.Serialize(s),
        _ => System.Text.Json.JsonSerializer.Serialize(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static string Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            return "null";
        var rounded = double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (rounded == Math.Floor(rounded) && Math.Abs(rounded) < 1e17)
            return ((long)rounded).ToString(CultureInfo.InvariantCulture);
        return rounded.ToString("R", CultureInfo.InvariantCulture);
    }
}
