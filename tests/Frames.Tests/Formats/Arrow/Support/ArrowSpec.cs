using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Tests.Formats.Arrow.Support;

/// <summary>
/// Reads an interop spec (canonical JSON, or the looser input the tool also accepts) into a Frames schema
/// and record batches, so Frames can write the same data the golden files hold.
/// </summary>
internal static partial class ArrowSpec
{
    public static (Schema Schema, List<RecordBatch> Batches) Read(string path, DictionaryMode mode = DictionaryMode.Shared)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var fields = root.GetProperty("schema").EnumerateArray().Select(ReadField).ToArray();
        var schema = new Schema(fields, root.TryGetProperty("metadata", out var metadata) ? ReadMetadata(metadata) : null);
        var rows = root.GetProperty("batches").EnumerateArray()
            .Select(b => fields.Select(f => b.GetProperty("columns").GetProperty(f.Name).EnumerateArray().ToArray()).ToArray())
            .ToList();
        var columns = rows.Select(_ => new Column[fields.Length]).ToList();
        for (var f = 0; f < fields.Length; f++)
        {
            var type = fields[f].Type;
            if (type.Id == TypeId.Dictionary)
            {
                var perBatch = BuildDictionaryColumns(type, rows.Select(r => r[f]).ToList(), mode);
                for (var b = 0; b < rows.Count; b++)
                    columns[b][f] = perBatch[b];
            }
            else
            {
                for (var b = 0; b < rows.Count; b++)
                    columns[b][f] = BuildColumn(type, rows[b][f]);
            }
        }
        var batches = columns.Select((c, b) => new RecordBatch(schema, c, rows[b].Length > 0 ? c[0].Length : LengthOf(root, b))).ToList();
        return (schema, batches);
    }

    private static int LengthOf(JsonElement root, int batch) =>
        root.GetProperty("batches")[batch].TryGetProperty("length", out var length) ? length.GetInt32() : 0;

    private static Field ReadField(JsonElement element)
    {
        var nullable = !element.TryGetProperty("nullable", out var n) || n.GetBoolean();
        var metadata = element.TryGetProperty("metadata", out var m) ? ReadMetadata(m) : null;
        return new Field(element.GetProperty("name").GetString()!, ParseType(element.GetProperty("type").GetString()!), nullable, metadata);
    }

    private static Dictionary<string, string> ReadMetadata(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    /// <summary>The tool's type notation, dictionaries included (DataType.Parse reads all but those).</summary>
    public static DataType ParseType(string text)
    {
        var match = DictionaryPattern().Match(text.Trim());
        if (!match.Success)
            return DataType.Parse(text);
        return DataType.Dictionary(DataType.Parse(match.Groups[2].Value), ParseType(match.Groups[1].Value), match.Groups[3].Value == "true");
    }

    [GeneratedRegex(@"^dictionary<\s*values\s*=\s*(.+?)\s*,\s*indices\s*=\s*([a-z0-9]+)\s*(?:,\s*ordered\s*=\s*(true|false)\s*)?>$")]
    private static partial Regex DictionaryPattern();

    [GeneratedRegex(@"^([+-]?\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z?)?$")]
    private static partial Regex DateTimePattern();

    private static Column BuildColumn(DataType type, JsonElement[] values)
    {
        var builder = ColumnBuilder.Create(type, Math.Max(1, values.Length));
        foreach (var value in values)
        {
            if (value.ValueKind == JsonValueKind.Null)
                builder.AppendNull();
            else
                Append(builder, type, value);
        }
        return builder.Build();
    }

    private static void Append(IColumnBuilder builder, DataType type, JsonElement value)
    {
        switch (builder)
        {
            case PrimitiveColumnBuilder<long> b: b.Append(type.Id == TypeId.Timestamp ? ParseTimestamp(type, value.GetString()!) : long.Parse(Raw(value), CultureInfo.InvariantCulture)); break;
            case PrimitiveColumnBuilder<ulong> b: b.Append(ulong.Parse(Raw(value), CultureInfo.InvariantCulture)); break;
            case PrimitiveColumnBuilder<int> b when type.Id == TypeId.Date32: b.Append(checked((int)ParseDays(value.GetString()!))); break;
            case PrimitiveColumnBuilder<double> b: b.Append(ParseFloat(value)); break;
            case PrimitiveColumnBuilder<float> b: b.Append((float)ParseFloat(value)); break;
            case BooleanColumnBuilder b: b.Append(value.GetBoolean()); break;
            case BinaryColumnBuilder b when type.Id == TypeId.Binary: b.Append(Convert.FromHexString(value.GetString()!)); break;
            case LargeBinaryColumnBuilder b when type.Id == TypeId.LargeBinary: b.Append(Convert.FromHexString(value.GetString()!)); break;
            case BinaryColumnBuilder b: b.Append(value.GetString()!); break;
            case LargeBinaryColumnBuilder b: b.Append(value.GetString()!); break;
            default: builder.AppendObject(long.Parse(Raw(value), CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>A number's text, or a string's content (integers may be either).</summary>
    private static string Raw(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : value.GetRawText();

    private static double ParseFloat(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" or "+Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            "-0" => -0.0,
            var other => throw new FormatException($"not a float: {other}"),
        }
        : double.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static long ParseDays(string text)
    {
        var m = DateTimePattern().Match(text);
        if (!m.Success)
            throw new FormatException($"not a date: {text}");
        return CivilCalendar.ToDays(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    private static long ParseTimestamp(DataType type, string text)
    {
        var m = DateTimePattern().Match(text);
        if (!m.Success || !m.Groups[4].Success)
            throw new FormatException($"not a timestamp: {text}");
        var perSecond = Temporal.UnitsPerSecond(type.Unit);
        var digits = (int)Math.Log10(perSecond);
        var fraction = m.Groups[7].Success ? long.Parse(m.Groups[7].Value.PadRight(digits, '0'), CultureInfo.InvariantCulture) : 0;
        var seconds = ParseDays(text[..text.IndexOf('T')]) * 86400
            + int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) * 3600
            + int.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture) * 60
            + int.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture);
        return checked((long)((Int128)seconds * perSecond + fraction)); // the product alone may pass the int64 limits
    }

    /// <summary>The dictionary-encoded column of each batch, its dictionary shared, growing or per batch as <paramref name="mode"/> says.</summary>
    private static List<Column> BuildDictionaryColumns(DataType type, List<JsonElement[]> batches, DictionaryMode mode)
    {
        var valueType = type.ValueType!;
        var result = new List<Column>();
        var order = new List<JsonElement>();
        var index = new Dictionary<string, int>();
        Column? shared = null;
        if (mode == DictionaryMode.Shared)
        {
            foreach (var batch in batches)
                Collect(batch, order, index);
            shared = BuildColumn(valueType, order.ToArray());
        }
        foreach (var batch in batches)
        {
            if (mode == DictionaryMode.PerBatch)
            {
                order.Clear();
                index.Clear();
            }
            if (mode != DictionaryMode.Shared)
                Collect(batch, order, index);
            var dictionary = shared ?? BuildColumn(valueType, order.ToArray());
            var indices = ColumnBuilder.Create(type.IndexType!, Math.Max(1, batch.Length));
            foreach (var value in batch)
            {
                if (value.ValueKind == JsonValueKind.Null)
                    indices.AppendNull();
                else
                    indices.AppendObject((long)index[KeyOf(value)]);
            }
            var built = indices.Build();
            result.Add(new DictionaryColumn(type, built.Length, built.Buffers[1], dictionary, built.Validity, built.NullCount));
        }
        return result;
    }

    private static void Collect(JsonElement[] values, List<JsonElement> order, Dictionary<string, int> index)
    {
        foreach (var value in values)
            if (value.ValueKind != JsonValueKind.Null && index.TryAdd(KeyOf(value), order.Count))
                order.Add(value);
    }

    private static string KeyOf(JsonElement value) => value.ValueKind == JsonValueKind.String ? "s" + value.GetString() : "n" + value.GetRawText();
}
