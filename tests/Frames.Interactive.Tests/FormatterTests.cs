using FramesNet.Columns;
using FramesNet.Execution;
using Microsoft.DotNet.Interactive.Formatting;
using static FramesNet.Frames;

namespace FramesNet.Interactive.Tests;

/// <summary>What a notebook shows for each Frames type once the extension's formatters are registered.</summary>
public sealed class FormatterTests
{
    static FormatterTests() => FramesFormatters.Register();

    private static string Html(object value) => value.ToDisplayString(HtmlFormatter.MimeType);

    private static string Text(object value) => value.ToDisplayString(PlainTextFormatter.MimeType);

    [Fact]
    public void A_table_is_an_html_table_of_names_types_and_rows_with_its_size_and_values_encoded()
    {
        using var table = FromColumns(("name", new[] { "<b>", null }), ("n", new long[] { 1, 2 })).Collect();

        Assert.Equal(
            "<div class=\"frames-table\"><table><thead><tr><th>name<br/><small>utf8</small></th><th>n<br/><small>int64</small></th></tr></thead><tbody>" +
            "<tr><td>&lt;b&gt;</td><td style=\"text-align:right\">1</td></tr><tr><td>null</td><td style=\"text-align:right\">2</td></tr></tbody></table>" +
            "<p><small>2 rows × 2 columns</small></p></div>", Html(table));
        Assert.Equal(table.ToString(), Text(table));
    }

    [Fact]
    public void A_long_table_shows_its_first_rows_and_says_how_many_there_are()
    {
        using var table = FromColumns(FramesContext.Local, 3, ("x", Enumerable.Range(0, 100_000).Select(i => (long)i).ToArray())).Collect();

        var html = Html(table);

        Assert.Equal(FramesFormatters.TableRows, html.Split("<tr>").Length - 2);
        Assert.Contains($"<td style=\"text-align:right\">{FramesFormatters.TableRows - 1}</td>", html);
        Assert.DoesNotContain($">{FramesFormatters.TableRows}</td>", html);
        Assert.Contains($"100,000 rows × 1 column (first {FramesFormatters.TableRows} rows shown)", html);
    }

    [Fact]
    public void A_wide_table_shows_its_first_columns_and_says_how_many_there_are()
    {
        var columns = Enumerable.Range(0, 50).Select(i => ($"c{i}", (Array)new[] { i })).ToArray();
        using var table = FromColumns(columns).Collect();

        var html = Html(table);

        Assert.Contains($"<th>c{FramesFormatters.TableColumns - 1}<br/>", html);
        Assert.DoesNotContain($"<th>c{FramesFormatters.TableColumns}<br/>", html);
        Assert.Contains("<th>…</th>", html);
        Assert.Contains($"1 row × 50 columns (first {FramesFormatters.TableColumns} columns shown)", html);
    }

    [Fact]
    public void A_long_value_is_clipped_and_kept_whole_in_its_tooltip()
    {
        var value = new string('x', 200) + "<end>";
        using var table = FromColumns(("text", new[] { value })).Collect();

        var html = Html(table);

        Assert.Contains($"title=\"{new string('x', 200)}&lt;end&gt;\">{new string('x', 79)}…</td>", html);
    }

    [Fact]
    public void A_frame_shows_its_schema_and_plan_says_it_is_not_computed_and_runs_nothing()
    {
        using var observer = new JobCounter();
        var frame = FromColumns(("city", new[] { "Oslo", "Bergen" }), ("fare", new[] { 1.5, 2.0 }))
            .Filter(Col("fare") > 1).GroupBy("city").Agg(Count().Alias("trips"));

        var html = observer.Watch(() => Html(frame));
        var text = observer.Watch(() => Text(frame));

        Assert.Equal(0, observer.Jobs);
        Assert.Contains("not computed yet — call <code>Collect()</code> to run it", html);
        Assert.Contains("<tr><td>trips</td><td>int64</td><td>no</td></tr>", html);
        Assert.Contains("<details><summary>Plan</summary><pre>Aggregate keys=[city]", html);
        Assert.True(html.Length < 2_000, $"{html.Length} characters: {html}");
        Assert.StartsWith("DataFrame with 2 columns, runs in this process: not computed yet — call Collect() to run it\ncity: utf8\ntrips: int64 not null\n== Plan ==\nAggregate", text);
    }

    [Fact]
    public void A_schema_is_a_table_of_columns_types_and_nullability()
    {
        var schema = new Schema([new Field("id", DataType.Int64, nullable: false), new Field("<name>", DataType.Utf8)]);

        Assert.Equal("<div class=\"frames-schema\"><table><thead><tr><th>column</th><th>type</th><th>nullable</th></tr></thead><tbody>" +
            "<tr><td>id</td><td>int64</td><td>no</td></tr><tr><td>&lt;name&gt;</td><td>utf8</td><td>yes</td></tr></tbody></table></div>", Html(schema));
        Assert.Equal(schema.ToString(), Text(schema));
    }

    [Fact]
    public void Explain_shows_its_four_plans_under_their_headings()
    {
        var explanation = FromColumns(("x", new long[] { 3, 1, 2 })).Sort(Plan.SortKey.Desc("x")).Head(2).Explain();

        var html = Html(explanation);

        Assert.Contains($"runs as {explanation.TaskCount} task", html);
        foreach (var (heading, text) in explanation.Sections)
            Assert.Contains($"<summary>{heading}</summary><pre>{text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;")}</pre>", html);
        Assert.Contains("TopK k=2", html);
        Assert.Equal(explanation.ToString(), Text(explanation));
        Assert.Equal("== Logical plan ==\n" + explanation.Logical + "== Optimised plan ==\n" + explanation.Optimised +
            "== Physical plan ==\n" + explanation.Physical + "== Task graph ==\n" + explanation.TaskGraph, (string)explanation);
    }

    [Fact]
    public void A_job_shows_as_a_progress_bar_with_its_counts_and_how_it_ended()
    {
        var job = new JobStart(JobAction.Collect, 8, OnCluster: true);
        var running = new JobProgressView(job, new ExecutionProgress(3, 8, 1234, 2_500_000, TimeSpan.FromSeconds(1.5)), JobProgressState.Running);
        var failed = running with { State = JobProgressState.Failed, Error = "column <x> broke" };

        Assert.Equal("<div class=\"frames-progress\"><progress value=\"3\" max=\"8\"></progress> Collect on the cluster, running: 3/8 tasks, 1,234 rows, 2.5 MB read, 1.5 s</div>", Html(running));
        Assert.Equal("Collect on the cluster, running: 3/8 tasks, 1,234 rows, 2.5 MB read, 1.5 s", Text(running));
        Assert.EndsWith("failed: 3/8 tasks, 1,234 rows, 2.5 MB read, 1.5 s<br/><b>column &lt;x&gt; broke</b></div>", Html(failed));
    }

    /// <summary>Counts the jobs started on the flow of <see cref="Watch{T}"/>.</summary>
    private sealed class JobCounter : IJobObserver, IDisposable
    {
        private readonly AsyncLocal<bool> _watching = new();
        private readonly IDisposable _registration;
        private int _jobs;

        public JobCounter() => _registration = JobObservers.Add(this);

        public int Jobs => Volatile.Read(ref _jobs);

        public T Watch<T>(Func<T> run)
        {
            _watching.Value = true;
            try
            {
                return run();
            }
            finally
            {
                _watching.Value = false;
            }
        }

        public IJobWatch? JobStarting(JobStart job)
        {
            if (_watching.Value)
                Interlocked.Increment(ref _jobs);
            return null;
        }

        public void Dispose() => _registration.Dispose();
    }
}
