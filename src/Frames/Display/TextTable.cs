using System.Text;
using FramesNet.Columns;

namespace FramesNet;

/// <summary>Renders batches as an aligned text table: a header of names and types, then rows; numbers right-aligned.</summary>
public static class TextTable
{
    private const int MaxCellWidth = 40;

    /// <summary>Field metadata key: with the value <c>true</c>, the column's values are never shortened (file paths).</summary>
    public const string WholeValues = "frames.display.whole";

    public static string Render(RecordBatch batch, int maxRows = 20) => Render(batch.Schema, [batch], maxRows, batch.Length);

    /// <summary>Renders up to <paramref name="maxRows"/> rows of <paramref name="batches"/>; <paramref name="totalRows"/> (if known) is reported when rows are left out.</summary>
    public static string Render(Schema schema, IEnumerable<RecordBatch> batches, int maxRows, long? totalRows = null)
    {
        var header = schema.Fields.Select(f => f.Name).ToArray();
        var types = schema.Fields.Select(f => f.Type.ToString()).ToArray();
        var whole = schema.Fields.Select(f => f.Metadata.TryGetValue(WholeValues, out var v) && v == "true").ToArray();
        var rows = new List<string[]>();
        foreach (var batch in batches)
        {
            for (var r = 0; r < batch.Length && rows.Count < maxRows; r++)
            {
                var cells = new string[schema.Count];
                for (var c = 0; c < schema.Count; c++)
                    cells[c] = Clip(Cell(batch.Column(c), r), whole[c]);
                rows.Add(cells);
            }
            if (rows.Count >= maxRows)
                break;
        }

        var widths = new int[schema.Count];
        for (var c = 0; c < schema.Count; c++)
            widths[c] = Math.Max(header[c].Length, Math.Max(types[c].Length, rows.Count == 0 ? 0 : rows.Max(r => r[c].Length)));
        var rightAligned = schema.Fields.Select(f => f.Type.IsNumeric).ToArray();

        var text = new StringBuilder();
        void Line(string[] cells, bool alignByType)
        {
            for (var c = 0; c < cells.Length; c++)
            {
                if (c > 0) text.Append(" │ ");
                text.Append(alignByType && rightAligned[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
            }
            text.Append('\n');
        }
        Line(header, false);
        Line(types, false);
        text.Append(string.Join("─┼─", widths.Select(w => new string('─', w)))).Append('\n');
        foreach (var row in rows)
            Line(row, true);
        if (totalRows is { } total && total > rows.Count)
            text.Append($"… {total - rows.Count:N0} more rows ({total:N0} in all)\n");
        return text.ToString();
    }

    /// <summary>Floats show 7 significant digits (files keep every digit); everything else as <see cref="ValueFormatter"/> writes it.</summary>
    private static string Cell(Column column, int row) => column switch
    {
        _ when !column.IsValid(row) => "null",
        PrimitiveColumn<double> d => d.Values[row].ToString("G7", System.Globalization.CultureInfo.InvariantCulture),
        PrimitiveColumn<float> f => f.Values[row].ToString("G7", System.Globalization.CultureInfo.InvariantCulture),
        _ => ValueFormatter.Format(column, row) ?? "null",
    };

    private static string Clip(string value, bool whole)
    {
        value = value.Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t");
        return whole || value.Length <= MaxCellWidth ? value : value[..(MaxCellWidth - 1)] + "…";
    }
}
