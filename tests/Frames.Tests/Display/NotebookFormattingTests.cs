using System.Reflection;

namespace FramesNet.Tests.Display;

/// <summary>Tables render in Polyglot Notebooks through the convention the notebook host looks for by reflection.</summary>
public class NotebookFormattingTests
{
    [Fact]
    public void A_table_renders_as_html_through_the_convention()
    {
        var table = Frames.FromColumns(("name", new[] { "<b>", null }), ("n", new long[] { 1, 2 })).Collect();

        var attribute = typeof(Table).GetCustomAttributes().Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        var source = Activator.CreateInstance(sourceType)!;
        var formatters = (IEnumerable<object>)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!;
        var html = formatters.Single(f => (string)f.GetType().GetProperty("MimeType")!.GetValue(f)! == "text/html"
            && (Type)f.GetType().GetProperty("Type")!.GetValue(f)! == typeof(Table));
        var writer = new StringWriter();
        var handled = (bool)html.GetType().GetMethod("Format")!.Invoke(html, [table, writer])!;

        Assert.True(handled);
        Assert.Equal("<table><thead><tr><th>name<br/><small>utf8</small></th><th>n<br/><small>int64</small></th></tr></thead>" +
            "<tbody><tr><td>&lt;b&gt;</td><td>1</td></tr><tr><td>null</td><td>2</td></tr></tbody></table>", writer.ToString());
    }
}
