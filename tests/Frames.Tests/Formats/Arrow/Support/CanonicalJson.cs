using System.Globalization;
using System.Text;
using FramesNet.Columns;

namespace FramesNet.Tests.Formats.Arrow.Support;

/// <summary>
/// Record batches as the interop tool's canonical JSON (its README and emitDoc): the same layout, escaping
/// and value encodings (int64 as decimal strings, floats by JavaScript's rules, NaN/Infinity as strings,
/// -0.0, dates and timestamps with signed years outside 0000-9999, binary as lowercase hex), so the text
/// for a golden file equals its spec byte for byte.
/// </summary>
internal static class CanonicalJson
{
    public static string Write(Schema schema, IEnumerable<RecordBatch> batches)
    {
        var text = new StringBuilder("{\n  \"schema\": [");
        for (var i = 0; i < schema.Count; i++)
        {
            var field = schema[i];
            text.Append("\n    {\"name\":").Append(Quote(field.Name))
                .Append(",\"type\":").Append(Quote(field.Type.ToString()))
                .Append(",\"nullable\":").Append(field.Nullable ? "true" : "false");
            if (field.Metadata.Count > 0)
                text.Append(",\"metadata\":").Append(Metadata(field.Metadata));
            text.Append('}').Append(i < schema.Count - 1 ? "," : "");
        }
        text.Append(schema.Count > 0 ? "\n  ]," : "],");
        if (schema.Metadata.Count > 0)
            text.Append("\n  \"metadata\": ").Append(Metadata(schema.Metadata)).Append(',');
        text.Append("\n  \"batches\": [");
        var first = true;
        foreach (var batch in batches)
        {
            if (!first)
                text.Append(',');
            first = false;
            text.Append("\n    {\"length\": ").Append(batch.Length).Append(", \"columns\": {");
            for (var c = 0; c < schema.Count; c++)
            {
                text.Append("\n      ").Append(Quote(schema[c].Name)).Append(": [");
                var column = batch.Column(c);
                for (var row = 0; row < column.Length; row++)
                {
                    if (row > 0)
                        text.Append(", ");
                    text.Append(Value(column, row));
                }
                text.Append(']').Append(c < schema.Count - 1 ? "," : "");
            }
            text.Append(schema.Count > 0 ? "\n    }}" : "}}");
        }
        text.Append(first ? "]\n}\n" : "\n  ]\n}\n");
        return text.ToString();
    }

    /// <summary>The canonical JSON text of one value.</summary>
    public static string Value(Column column, int row)
    {
        if (!column.IsValid(row))
            return "null";
        var type = column.Type;
        switch (column)
        {
            case DictionaryColumn d:
                return Value(d.DictionaryValues, checked((int)d.GetIndex(row)));
            case BooleanColumn b:
                return b[row] ? "true" : "false";
            case BinaryColumn s:
                return type.Id == TypeId.Utf8 ? Quote(s.GetString(row)) : Quote(Convert.ToHexStringLower(s.GetBytes(row)));
            case LargeBinaryColumn s:
                return type.Id == TypeId.LargeUtf8 ? Quote(s.GetString(row)) : Quote(Convert.ToHexStringLower(s.GetBytes(row)));
            case PrimitiveColumn<float> f:
                return Float(JsNumber.ShortestFloat32(f[row]));
            case PrimitiveColumn<double> f:
                return Float(f[row]);
            case PrimitiveColumn<int> i when type.Id == TypeId.Date32:
                return Quote(CivilCalendar.FormatDate(i[row]));
            case PrimitiveColumn<long> t when type.Id == TypeId.Timestamp:
                var digits = type.Unit switch { TimeUnit.Second => 0, TimeUnit.Millisecond => 3, TimeUnit.Microsecond => 6, _ => 9 };
                return Quote(CivilCalendar.FormatTimestamp(t[row], Temporal.UnitsPerSecond(type.Unit), digits, type.TimeZone is not null));
            case PrimitiveColumn<long> l:
                return Quote(l[row].ToString(CultureInfo.InvariantCulture));
            case PrimitiveColumn<ulong> u:
                return Quote(u[row].ToString(CultureInfo.InvariantCulture));
            default:
                return Convert.ToString(column.GetValue(row), CultureInfo.InvariantCulture)!;
        }
    }

    private static string Float(double value) =>
        double.IsNaN(value) ? "\"NaN\""
        : double.IsPositiveInfinity(value) ? "\"Infinity\""
        : double.IsNegativeInfinity(value) ? "\"-Infinity\""
        : value == 0 && double.IsNegative(value) ? "-0.0"
        : JsNumber.Format(value);

    private static string Metadata(IReadOnlyDictionary<string, string> metadata) =>
        "{" + string.Join(",", metadata.Select(kv => Quote(kv.Key) + ":" + Quote(kv.Value))) + "}";

    /// <summary>A JSON string as JavaScript's JSON.stringify writes it: only quote, backslash and control characters escaped.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        return text.Append('"').ToString();
    }
}
