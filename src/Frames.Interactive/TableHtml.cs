using FramesNet.Columns;
using FramesNet.Display;

namespace FramesNet.Interactive;

/// <summary>
/// A <see cref="Table"/> as HTML: a header of column names with their types, the first rows, then a line with the
/// row and column counts and what was left out. Only the shown rows are read, whatever the table's size.
/// </summary>
internal static class TableHtml
{
    public static void Write(Table table, TextWriter writer, int maxRows, int maxColumns)
    {
        var fields = table.Schema.Fields;
        var columns = Math.Min(fields.Count, maxColumns);
        var numeric = fields.Select(f => f.Type.IsNumeric).ToArray();
        writer.Write("<div class=\"frames-table\"><table><thead><tr>");
        for (var c = 0; c < columns; c++)
            writer.Write($"<th>{Html.Encode(fields[c].Name)}<br/><small>{Html.Encode(fields[c].Type.ToString())}</small></th>");
        if (columns < fields.Count)
            writer.Write("<th>…</th>");
        writer.Write("</tr></thead><tbody>");
        var shown = 0;
        foreach (var batch in table.Batches)
        {
            for (var r = 0; r < batch.Length && shown < maxRows; r++, shown++)
            {
                writer.Write("<tr>");
                for (var c = 0; c < columns; c++)
                    Html.Cell(writer, CellText(batch.Column(c), r), numeric[c]);
                if (columns < fields.Count)
                    writer.Write("<td>…</td>");
                writer.Write("</tr>");
            }
            if (shown >= maxRows)
                break;
        }
        writer.Write("</tbody></table>");
        writer.Write($"<p><small>{Html.Encode(Summary(table.RowCount, shown, fields.Count, columns))}</small></p></div>");
    }

    /// <summary><c>3 rows × 2 columns</c>, or <c>1,000,000 rows × 45 columns (first 20 rows and 40 columns shown)</c>.</summary>
    internal static string Summary(long rows, int shownRows, int columns, int shownColumns)
    {
        var size = $"{Counted.Of(rows, "row")} × {Counted.Of(columns, "column")}";
        if (shownRows == rows && shownColumns == columns)
            return size;
        var parts = new List<string>();
        if (shownRows < rows)
            parts.Add($"first {Counted.Of(shownRows, "row")}");
        if (shownColumns < columns)
            parts.Add($"{(shownRows < rows ? "" : "first ")}{Counted.Of(shownColumns, "column")}");
        return $"{size} ({string.Join(" and ", parts)} shown)";
    }

    /// <summary>Floats with 7 significant digits, as the text table shows them; every other value as Frames writes it.</summary>
    private static string CellText(Column column, int row) => column switch
    {
        _ when !column.IsValid(row) => "null",
        PrimitiveColumn<double> d => d.Values[row].ToString("G7", System.Globalization.CultureInfo.InvariantCulture),
        PrimitiveColumn<float> f => f.Values[row].ToString("G7", System.Globalization.CultureInfo.InvariantCulture),
        _ => ValueFormatter.Format(column, row) ?? "null",
    };
}
