using FramesNet.Columns;

namespace FramesNet.Interactive;

/// <summary>A <see cref="Schema"/> as HTML: one row per column with its type and whether it may hold nulls.</summary>
internal static class SchemaHtml
{
    public static void Write(Schema schema, TextWriter writer)
    {
        writer.Write("<div class=\"frames-schema\"><table><thead><tr><th>column</th><th>type</th><th>nullable</th></tr></thead><tbody>");
        foreach (var field in schema.Fields)
            writer.Write($"<tr><td>{Html.Encode(field.Name)}</td><td>{Html.Encode(field.Type.ToString())}</td><td>{(field.Nullable ? "yes" : "no")}</td></tr>");
        writer.Write("</tbody></table></div>");
    }
}
