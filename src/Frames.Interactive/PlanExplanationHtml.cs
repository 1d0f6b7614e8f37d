using FramesNet.Display;

namespace FramesNet.Interactive;

/// <summary><see cref="DataFrame.Explain"/>'s output as HTML: the four plans, each under its heading; the last two folded.</summary>
internal static class PlanExplanationHtml
{
    public static void Write(PlanExplanation explanation, TextWriter writer)
    {
        writer.Write($"<div class=\"frames-explain\"><p><b>Plan</b>: runs as {Html.Encode(Counted.Of(explanation.TaskCount, "task"))}</p>");
        var index = 0;
        foreach (var (heading, text) in explanation.Sections)
        {
            var open = index++ < 2 ? " open" : "";
            writer.Write($"<details{open}><summary>{Html.Encode(heading)}</summary><pre>{Html.Encode(text)}</pre></details>");
        }
        writer.Write("</div>");
    }
}
