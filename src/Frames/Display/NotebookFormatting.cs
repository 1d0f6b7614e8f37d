using System.Net;
using FramesNet.Columns;

namespace FramesNet;

/// <summary>
/// Polyglot Notebooks' convention for formatters without a package dependency: a type carries an
/// attribute named <c>TypeFormatterSourceAttribute</c> whose <c>FormatterSourceType</c> has
/// <c>CreateTypeFormatters()</c>; each formatter has <c>MimeType</c>, <c>Type</c> and <c>Format(object, TextWriter)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[] PreferredMimeTypes { get; init; } = ["text/html", "text/plain"];
}

/// <summary>The formatters Polyglot Notebooks use for <see cref="Table"/> and <see cref="DataFrame"/> (found by reflection; not for direct use).</summary>
public sealed class FramesFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new Formatter(typeof(Table), "text/html", (value, writer) => HtmlTable.Write((Table)value, writer, 25)),
        new Formatter(typeof(Table), "text/plain", (value, writer) => writer.Write(value.ToString())),
        new Formatter(typeof(DataFrame), "text/plain", (value, writer) => writer.Write(value.ToString())),
    ];

    public sealed class Formatter(Type type, string mimeType, Action<object, TextWriter> format)
    {
        public Type Type { get; } = type;

        public string MimeType { get; } = mimeType;

        public bool Format(object instance, TextWriter writer)
        {
            format(instance, writer);
            return true;
        }
    }
}

/// <summary>A table as HTML: a header of names and types, then the first rows.</summary>
internal static class HtmlTable
{
    public static void Write(Table table, TextWriter writer, int maxRows)
    {
        writer.Write("<table><thead><tr>");
        foreach (var field in table.Schema.Fields)
            writer.Write($"<th>{WebUtility.HtmlEncode(field.Name)}<br/><small>{WebUtility.HtmlEncode(field.Type.ToString())}</small></th>");
        writer.Write("</tr></thead><tbody>");
        var shown = 0;
        foreach (var batch in table.Batches)
        {
            for (var r = 0; r < batch.Length && shown < maxRows; r++, shown++)
            {
                writer.Write("<tr>");
                for (var c = 0; c < batch.ColumnCount; c++)
                    writer.Write($"<td>{WebUtility.HtmlEncode(ValueFormatter.Format(batch.Column(c), r) ?? "null")}</td>");
                writer.Write("</tr>");
            }
        }
        writer.Write("</tbody></table>");
        if (table.RowCount > shown)
            writer.Write($"<p>{table.RowCount - shown:N0} more rows ({table.RowCount:N0} in all)</p>");
    }
}
