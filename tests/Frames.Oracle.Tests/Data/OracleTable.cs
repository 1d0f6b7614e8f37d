using System.Text;
using FramesNet.Columns;

namespace FramesNet.Oracle.Tests.Data;

/// <summary>A generated table: its columns (all the rows), how the rows are cut into files, and the files' format.</summary>
internal sealed record OracleTable(string Name, IReadOnlyList<OracleColumn> Columns, IReadOnlyList<TablePart> Parts, TableFormat Format)
{
    public int RowCount => Columns.Count == 0 ? 0 : Columns[0].Values.Length;

    /// <summary>The schema Frames should report for a scan of the table's files.</summary>
    public Schema FileSchema => new(Columns.Select(c => new Field(c.Name, c.FileType(Format))));

    /// <summary>The schema given to the CSV reader (dictionary columns are plain utf8 in CSV).</summary>
    public Schema ValueSchema => new(Columns.Select(c => new Field(c.Name, c.Type)));

    /// <summary>The same table with only the rows in <paramref name="keep"/> of each part (for shrinking).</summary>
    public OracleTable WithRows(Func<TablePart, IReadOnlyList<int>> keep)
    {
        var rows = new List<int>();
        var parts = new List<TablePart>();
        foreach (var part in Parts)
        {
            var kept = keep(part);
            parts.Add(part with { Start = rows.Count, Count = kept.Count });
            rows.AddRange(kept);
        }
        var columns = Columns.Select(c => c with { Values = rows.Select(r => c.Values[r]).ToArray() }).ToList();
        return this with { Columns = columns, Parts = parts };
    }

    /// <summary>The rows, file by file, as text for a failure message.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append($"table {Name} ({Format}): {string.Join(", ", Columns.Select(c => $"{c.Name} {c.Type}{(c.DictionaryEncoded ? " dict" : "")}"))}\n");
        for (var p = 0; p < Parts.Count; p++)
        {
            var part = Parts[p];
            text.Append($"  file {p}: {part.Count} rows{(part.Count == 0 ? $" ({part.EmptyStyle})" : "")}\n");
            for (var r = part.Start; r < part.Start + part.Count; r++)
                text.Append("    ").AppendJoin(" | ", Columns.Select(c => ValueText.Format(c.Values[r], c.Type))).Append('\n');
        }
        return text.ToString();
    }
}
