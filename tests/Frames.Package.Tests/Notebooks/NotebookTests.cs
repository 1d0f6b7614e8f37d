using Microsoft.DotNet.Interactive.Events;

namespace FramesNet.Package.Tests.Notebooks;

/// <summary>
/// The notebooks under notebooks/ run on the real C# kernel against the packed packages (<c>#r "nuget: FramesNet"</c>
/// from the folder feed): every cell without an error, tables shown as HTML tables through the package's kernel
/// extension, frames shown without running, and each job's progress one output updated in place, in-process and on a
/// local cluster. A deliberately broken notebook must fail.
/// </summary>
[Collection(PackagesCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NotebookTests(PackedFeed feed)
{
    private static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, name);

    private static string[] NotebookNames() => Directory.GetFiles(Folder("Notebooks"), "*.dib").Select(f => Path.GetFileName(f)).Order().ToArray();

    public static TheoryData<string> Notebooks() => new(NotebookNames());

    [Fact]
    public void Both_notebooks_are_there_to_run() => Assert.Equal(["getting-started.dib", "trips-analysis.dib"], NotebookNames());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Every_cell_runs_and_results_show_as_html_tables(string notebook)
    {
        var runs = await feed.RunNotebookAsync(Path.Combine(Folder("Notebooks"), notebook));

        var failed = runs.FirstOrDefault(r => r.Errors.Any());
        Assert.True(failed is null, $"{notebook}: {failed}");
        var events = runs.SelectMany(r => r.Events).ToList();
        Assert.Contains(events, e => e is KernelExtensionLoaded { KernelExtension: var x } && x.GetType().FullName == "FramesNet.Interactive.FramesKernelExtension");

        var tables = runs.Select(r => r.Result).OfType<ReturnValueProduced>().Where(r => r.Value?.GetType().FullName == "FramesNet.Table").ToList();
        Assert.True(tables.Count >= 3, $"{notebook}: {tables.Count} cells end with a table");
        foreach (var table in tables)
        {
            var html = Html(table);
            Assert.Contains("<table>", html);
            Assert.Contains("<th>", html);
            Assert.Matches(@"[\d,]+ rows? × \d+ columns?", html);
        }
        foreach (var frame in runs.Select(r => r.Result).OfType<ReturnValueProduced>().Where(r => r.Value?.GetType().FullName == "FramesNet.DataFrame"))
        {
            var html = Html(frame);
            Assert.Contains("not computed yet", html);
            Assert.True(html.Length < 8_000, $"{notebook}: a DataFrame shows as {html.Length} characters of HTML");
        }

        // Every job has one output: produced once, then replaced in place under the same id until it says how it ended.
        var progress = events.OfType<DisplayEvent>().Where(e => e.Value?.GetType().FullName == "FramesNet.Interactive.JobProgressView").ToList();
        var shown = progress.OfType<DisplayedValueProduced>().ToList();
        Assert.NotEmpty(shown);
        foreach (var job in shown)
        {
            var updates = progress.OfType<DisplayedValueUpdated>().Where(u => u.ValueId == job.ValueId).ToList();
            Assert.NotEmpty(updates);
            Assert.Contains("<progress", Html(updates[^1]));
            Assert.Contains("finished", updates[^1].Value!.ToString());
        }
        Assert.Contains(progress, e => e.Value!.ToString()!.Contains("on the cluster", StringComparison.Ordinal));
        Assert.Contains(progress, e => e.Value!.ToString()!.Contains("in this process", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_notebook_with_a_failing_cell_fails_naming_the_cell_and_the_error()
    {
        var runs = await feed.RunNotebookAsync(Path.Combine(Folder("NotebookFixtures"), "broken.dib"));

        var failed = Assert.Single(runs, r => r.Errors.Any());
        Assert.Same(runs[^1], failed);
        Assert.Contains("Filter(Col(\"fair\")", failed.Code);
        Assert.Contains("column 'fair' not found; did you mean 'fare'?", string.Join("\n", failed.Errors));
    }

    private static string Html(DisplayEvent e) =>
        e.FormattedValues.SingleOrDefault(v => v.MimeType == "text/html")?.Value
        ?? throw new Xunit.Sdk.XunitException($"{e.Value?.GetType().Name} has no text/html form: {string.Join(", ", e.FormattedValues.Select(v => v.MimeType))}");
}
