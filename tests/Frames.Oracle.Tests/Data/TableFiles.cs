using System.Text;
using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Memory;

namespace FramesNet.Oracle.Tests.Data;

/// <summary>
/// Writes a table's parts as files — CSV written here by hand (strings always quoted, nulls empty), Arrow
/// through Frames' IPC writer (file or stream format, several batches, dictionary columns with one
/// dictionary per file) — and returns their absolute paths in order.
/// </summary>
internal static class TableFiles
{
    public static IReadOnlyList<string> Write(OracleTable table, string folder)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        for (var p = 0; p < table.Parts.Count; p++)
        {
            var part = table.Parts[p];
            var extension = table.Format == TableFormat.Arrow ? (part.StreamFormat ? "arrows" : "arrow") : "csv";
            var path = Path.Combine(folder, $"{table.Name}-{p:D2}.{extension}");
            if (table.Format == TableFormat.Arrow)
                WriteArrow(table, part, path);
            else
                WriteCsv(table, part, path);
            paths.Add(path);
        }
        return paths;
    }

    private static void WriteCsv(OracleTable table, TablePart part, string path)
    {
        if (part.Count == 0 && part.EmptyStyle == EmptyPartStyle.Bytes0 && table.Format == TableFormat.Csv)
        {
            File.WriteAllBytes(path, []);
            return;
        }
        var text = new StringBuilder();
        text.AppendJoin(',', table.Columns.Select(c => c.Name)).Append('\n');
        for (var r = part.Start; r < part.Start + part.Count; r++)
        {
            text.AppendJoin(',', table.Columns.Select(c => c.Values[r] switch
            {
                null => "",
                string s => "\"" + s.Replace("\"", "\"\"") + "\"",
                var v => ValueText.Plain(v, c.Type),
            }));
            text.Append(r % 2 == 0 ? "\n" : "\r\n");
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    private static void WriteArrow(OracleTable table, TablePart part, string path)
    {
        var schema = table.FileSchema;
        var dictionaries = table.Columns.Select(c => c.DictionaryEncoded ? Dictionary(c, part) : null).ToArray();
        var batches = new List<RecordBatch>();
        if (part.Count == 0 && part.EmptyStyle != EmptyPartStyle.Bytes0)
            batches.Add(Batch(table, schema, dictionaries, part.Start, 0));
        for (var start = part.Start; start < part.Start + part.Count; start += part.BatchRows)
            batches.Add(Batch(table, schema, dictionaries, start, Math.Min(part.BatchRows, part.Start + part.Count - start)));
        ArrowIpc.WriteFile(path, schema, batches, part.StreamFormat ? ArrowIpcFormat.Stream : ArrowIpcFormat.File);
    }

    /// <summary>The distinct values of the part, in reverse order of first appearance (so indices are not just row order).</summary>
    private static List<string> Dictionary(OracleColumn column, TablePart part)
    {
        var values = new List<string>();
        for (var r = part.Start; r < part.Start + part.Count; r++)
            if (column.Values[r] is string s && !values.Contains(s))
                values.Add(s);
        values.Reverse();
        return values;
    }

    private static RecordBatch Batch(OracleTable table, Schema schema, List<string>?[] dictionaries, int start, int count)
    {
        var columns = table.Columns.Select((c, i) => dictionaries[i] is { } dictionary
            ? DictionaryColumnOf(c, schema[i].Type, dictionary, start, count)
            : PlainColumn(c, start, count)).ToArray();
        return new RecordBatch(schema, columns, count);
    }

    private static Column PlainColumn(OracleColumn column, int start, int count)
    {
        var builder = ColumnBuilder.Create(column.Type, count);
        for (var r = start; r < start + count; r++)
        {
            if (column.Values[r] is { } value)
                builder.AppendObject(value);
            else
                builder.AppendNull();
        }
        return builder.Build();
    }

    private static Column DictionaryColumnOf(OracleColumn column, DataType type, List<string> dictionary, int start, int count)
    {
        var indices = new int[count];
        var valid = new bool[count];
        for (var r = 0; r < count; r++)
        {
            if (column.Values[start + r] is string s)
            {
                indices[r] = dictionary.IndexOf(s);
                valid[r] = true;
            }
        }
        var built = PrimitiveColumn<int>.From(DataType.Int32, indices, valid);
        return new DictionaryColumn(type, count, built.ValueBuffer, BinaryColumn.FromStrings(dictionary), built.Validity);
    }
}
