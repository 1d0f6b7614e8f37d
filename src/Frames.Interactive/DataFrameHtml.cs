using FramesNet.Plan;

namespace FramesNet.Interactive;

/// <summary>
/// A <see cref="DataFrame"/> as HTML: a line saying it is not computed yet, its schema, and its plan as written
/// (folded). Nothing runs; the size follows the plan, never the data or the object graph behind the frame.
/// </summary>
internal static class DataFrameHtml
{
    public static void Write(DataFrame frame, TextWriter writer)
    {
        writer.Write($"<div class=\"frames-dataframe\"><p><b>DataFrame</b> with {Html.Encode(Display.Counted.Of(frame.Schema.Count, "column"))}, runs {DataFrameText.Where(frame)}: ");
        writer.Write("<i>not computed yet — call <code>Collect()</code> to run it</i></p>");
        SchemaHtml.Write(frame.Schema, writer);
        writer.Write($"<details><summary>Plan</summary><pre>{Html.Encode(PlanPrinter.Print(frame.Plan))}</pre></details></div>");
    }
}
