using FramesNet.Columns;
using Microsoft.DotNet.Interactive.Formatting;

namespace FramesNet.Interactive;

/// <summary>
/// The formatters the extension registers: HTML for notebooks, and plain text (the types' own text forms) for
/// consoles and text-only front ends, so no Frames type is ever shown as a tree of its properties.
/// </summary>
public static class FramesFormatters
{
    /// <summary>Rows a table shows before it says how many more there are.</summary>
    public const int TableRows = 20;

    /// <summary>Columns a table shows before it says how many more there are.</summary>
    public const int TableColumns = 40;

    /// <summary>Registers every formatter (again, harmlessly, when called twice).</summary>
    public static void Register()
    {
        Formatter.Register<Table>((table, writer) => TableHtml.Write(table, writer, TableRows, TableColumns), HtmlFormatter.MimeType);
        Formatter.Register<Table>((table, writer) => writer.Write(table.ToString(TableRows)), PlainTextFormatter.MimeType);
        Formatter.Register<DataFrame>(DataFrameHtml.Write, HtmlFormatter.MimeType);
        Formatter.Register<DataFrame>((frame, writer) => writer.Write(DataFrameText.Of(frame)), PlainTextFormatter.MimeType);
        Formatter.Register<Schema>(SchemaHtml.Write, HtmlFormatter.MimeType);
        Formatter.Register<Schema>((schema, writer) => writer.Write(schema.ToString()), PlainTextFormatter.MimeType);
        Formatter.Register<PlanExplanation>(PlanExplanationHtml.Write, HtmlFormatter.MimeType);
        Formatter.Register<PlanExplanation>((explanation, writer) => writer.Write(explanation.ToString()), PlainTextFormatter.MimeType);
        Formatter.Register<JobProgressView>(JobProgressView.WriteHtml, HtmlFormatter.MimeType);
        Formatter.Register<JobProgressView>((view, writer) => writer.Write(view.ToString()), PlainTextFormatter.MimeType);
        foreach (var type in new[] { typeof(Table), typeof(DataFrame), typeof(Schema), typeof(PlanExplanation), typeof(JobProgressView) })
            Formatter.SetPreferredMimeTypesFor(type, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }
}
