using System.Text;

namespace FramesNet.Interactive;

/// <summary>HTML text: values encoded, long cell values clipped (the whole value kept in the cell's tooltip).</summary>
internal static class Html
{
    /// <summary>Characters a cell shows before it is clipped with an ellipsis.</summary>
    public const int MaxCellLength = 80;

    /// <summary>The five characters HTML reserves, escaped; everything else as it is (UTF-8 output, so ø and × stay readable).</summary>
    public static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
            return text;
        var encoded = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': encoded.Append("&amp;"); break;
                case '<': encoded.Append("&lt;"); break;
                case '>': encoded.Append("&gt;"); break;
                case '"': encoded.Append("&quot;"); break;
                case '\'': encoded.Append("&#39;"); break;
                default: encoded.Append(c); break;
            }
        }
        return encoded.ToString();
    }

    /// <summary>A table cell for <paramref name="text"/>, right-aligned when <paramref name="numeric"/>.</summary>
    public static void Cell(TextWriter writer, string text, bool numeric)
    {
        var align = numeric ? " style=\"text-align:right\"" : "";
        if (text.Length <= MaxCellLength)
            writer.Write($"<td{align}>{Encode(text)}</td>");
        else
            writer.Write($"<td{align} title=\"{Encode(text)}\">{Encode(text[..(MaxCellLength - 1)])}…</td>");
    }
}
