using System.Text;

namespace FramesNet.Tests.Formats.Csv;

/// <summary>
/// An obviously correct, character-at-a-time RFC 4180 parser, the oracle for the reader. A field is null when
/// unquoted and empty, else its text; a CR right before a line end (or the end) closes the row with the LF.
/// Empty lines are skipped when rows have more than one field. Throws <see cref="FormatException"/> on anything
/// malformed: a quote inside an unquoted field, text after a closing quote, an unterminated quote, a row of the
/// wrong length.
/// </summary>
internal static class CsvReferenceParser
{
    /// <summary>The rows of <paramref name="text"/>; with no <paramref name="fields"/>, the first row sets the width.</summary>
    public static List<string?[]> Parse(string text, char delimiter, int? fields = null)
    {
        var rows = new List<string?[]>();
        var row = new List<string?>();
        var i = 0;
        while (i < text.Length)
        {
            string? value;
            if (text[i] == '"')
            {
                var builder = new StringBuilder();
                i++;
                while (true)
                {
                    if (i == text.Length)
                        throw new FormatException("unterminated quote");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            builder.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    builder.Append(text[i++]);
                }
                if (i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n')
                    i++;
                else if (i + 1 == text.Length && text[i] == '\r')
                    i++;
                if (i < text.Length && text[i] != delimiter && text[i] != '\n')
                    throw new FormatException("text after a closing quote");
                value = builder.ToString();
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] != delimiter && text[i] != '\n')
                {
                    if (text[i] == '"')
                        throw new FormatException("quote in an unquoted field");
                    i++;
                }
                var end = i;
                if ((i == text.Length || text[i] == '\n') && end > start && text[end - 1] == '\r')
                    end--;
                value = end == start ? null : text[start..end];
            }
            row.Add(value);
            if (i < text.Length && text[i] == delimiter)
            {
                i++;
                if (i == text.Length)
                    row.Add(null); // a delimiter right at the end leaves an empty last field
                else
                    continue;
            }
            else
            {
                i++; // the line feed (or past the end)
            }
            fields ??= row.Count;
            EndRow(rows, row, fields.Value);
            row = [];
        }
        return rows;
    }

    private static void EndRow(List<string?[]> rows, List<string?> row, int fields)
    {
        if (fields > 1 && row is [null])
            return;
        if (row.Count != fields)
            throw new FormatException($"expected {fields} fields, found {row.Count}");
        rows.Add(row.ToArray());
    }
}
