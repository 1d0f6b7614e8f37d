using System.Net;

namespace FramesNet.Interactive;

/// <summary>HTML text: values encoded, long cell values clipped (the whole value kept in the cell's tooltip).</summary>
internal static class Html
{
    /// <summary>Characters a cell shows before it is clipped with an ellipsis.</summary>
    public const int MaxCellLength = 80;

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

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
