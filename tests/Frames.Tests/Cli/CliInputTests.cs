using FramesNet.Formats.Arrow;
using static FramesNet.Frames;

namespace FramesNet.Tests.Cli;

/// <summary>
/// What `frames head`, `schema` and `convert` read: a file, a glob or a folder of part files (what WriteCsv and
/// WriteArrow leave), in the format the extensions say or --format names; and how `schema` tells inferred types.
/// </summary>
public sealed class CliInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-cli-input-").FullName;

    private static (int Code, string Out, string Err) Run(params string[] args) => FramesCli.Run(args);

    private static DataFrame Numbers() => FromColumns(FramesContext.Local, 3, ("id", Enumerable.Range(1, 30).Select(i => (long)i).ToArray()),
        ("name", Enumerable.Range(1, 30).Select(i => $"n{i}").ToArray()));

    public static TheoryData<string, string> Written => new() { { "arrow", "*.arrow" }, { "csv", "*.csv" } };

    [Theory]
    [MemberData(nameof(Written))]
    public void Head_schema_and_convert_read_a_folder_of_part_files_and_a_glob(string format, string pattern)
    {
        var parts = Path.Combine(_folder, "parts");
        var written = format == "arrow" ? Numbers().WriteArrow(parts) : Numbers().WriteCsv(parts);
        Assert.True(written.RowCount >= 3, "the frame has three partitions: the folder must hold several part files");
        File.WriteAllText(Path.Combine(parts, ".part-00009.arrow.0123.tmp"), "a writer's temporary file");
        var converted = Path.Combine(_folder, "all.arrows");

        foreach (var input in new[] { parts, Path.Combine(parts, pattern) })
        {
            var head = Run("head", input, "-n", "40");
            var schema = Run("schema", input);
            var convert = Run("convert", input, converted);

            Assert.Equal(0, head.Code);
            Assert.Equal(3 + 30, head.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Equal(0, schema.Code);
            Assert.Contains("id    int64", schema.Out);
            Assert.Equal(0, convert.Code);
            Assert.Contains("wrote 30 rows, 2 columns", convert.Err);
            Assert.Equal(Enumerable.Range(1, 30).Select(i => (object?)(long)i), ReadArrow(converted).Sort(FramesNet.Plan.SortKey.Asc("id")).Collect().Select(r => r["id"]));
        }
    }

    [Fact]
    public void Format_names_what_the_extension_does_not_and_delimiter_goes_with_it()
    {
        var semicolons = Write("data.txt", "a;b\n1;x\n2;y\n");
        var tabs = Write("data.dat", "a\tb\n1\tx\n2\ty\n");
        var tsv = Write("data.tsv", "a\tb\n1\tx\n2\ty\n");
        var stream = Path.Combine(_folder, "table.bin");
        var table = Numbers().Collect();
        ArrowIpc.WriteFile(stream, table.Schema, table.Batches, ArrowIpcFormat.Stream);

        var noFormat = Run("head", semicolons);
        Assert.Equal(1, noFormat.Code);
        Assert.Contains("--format", noFormat.Err);
        foreach (var run in new[]
                 {
                     Run("schema", semicolons, "--format", "csv", "--delimiter", ";"),
                     Run("schema", tabs, "--format", "tsv"),
                     Run("schema", tabs, "-f", "csv", "-d", "\\t"),
                     Run("schema", tsv),
                 })
        {
            Assert.Equal(0, run.Code);
            Assert.Contains("a  int64", run.Out);
            Assert.Contains("b  utf8", run.Out);
        }
        var arrow = Run("head", stream, "--format", "arrows", "-n", "2");
        Assert.Equal(0, arrow.Code);
        Assert.Contains("n2", arrow.Out);
        Assert.Equal(2, Run("head", stream, "--format", "orc").Code);
        var notParquet = Run("head", stream, "--format", "parquet");
        Assert.Equal(1, notParquet.Code);
        Assert.Contains("not a readable Parquet file", notParquet.Err);
        Assert.Equal(2, Run("head", stream, "--format", "arrows", "--delimiter", ";").Code);
    }

    [Fact]
    public void A_folder_of_mixed_formats_asks_which_and_an_empty_one_says_so()
    {
        var mixed = Directory.CreateDirectory(Path.Combine(_folder, "mixed")).FullName;
        File.WriteAllText(Path.Combine(mixed, "a.csv"), "x\n1\n");
        var table = Numbers().Collect();
        ArrowIpc.WriteFile(Path.Combine(mixed, "b.arrow"), table.Schema, table.Batches);
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "empty")).FullName;

        var ask = Run("head", mixed);
        var csvOnly = Run("head", mixed, "--format", "csv");
        var none = Run("head", empty);

        Assert.Equal(1, ask.Code);
        Assert.Contains("2 formats", ask.Err);
        Assert.Equal(0, csvOnly.Code);
        Assert.Equal(1, none.Code);
        Assert.Contains("empty folder", none.Err);
    }

    [Fact]
    public void Schema_says_types_were_inferred_from_how_many_rows_and_why_a_column_is_utf8()
    {
        var rows = Enumerable.Range(1, 1000).Select(i => $"{i},{(i is 17 or 40 or 99 ? "n/a" : i.ToString())},");
        var csv = Write("mostly-numbers.csv", "id,x,blank\n" + string.Join("\n", rows) + "\n");

        var all = Run("schema", csv);
        var sample = Run("schema", csv, "--infer-rows", "50");
        var head = Run("head", csv, "-n", "1");

        Assert.Equal(0, all.Code);
        Assert.Equal(
        [
            $"types inferred from all 1,000 rows of {csv}:",
            "id     int64",
            "x      utf8   3 of 1,000 sampled values are not int64: line 18 'n/a', line 41 'n/a', line 100 'n/a'",
            "blank  utf8   no values in the sample (1,000 nulls)",
        ], all.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"types inferred from the first 50 rows of {csv} (--infer-rows N samples more):", sample.Out);
        Assert.Contains("x      utf8   2 of 50 sampled values are not int64: line 18 'n/a', line 41 'n/a'", sample.Out);
        Assert.Equal(0, head.Code);
        Assert.Contains("frames: note: column 'x' is read as utf8: 3 of 1,000 sampled values are not int64", head.Err);
    }

    [Fact]
    public void A_value_past_the_sample_that_contradicts_an_inferred_type_names_file_line_and_field()
    {
        var rows = Enumerable.Range(1, 200).Select(i => i == 150 ? $"{i},oops" : $"{i},{i}");
        var csv = Write("late.csv", "id,n\n" + string.Join("\n", rows) + "\n");

        var result = Run("convert", csv, Path.Combine(_folder, "late.arrow"), "--infer-rows", "100");

        Assert.Equal(1, result.Code);
        Assert.Contains($"{csv}:151: field 2 ('n'): expected int64, found \"oops\"", result.Err);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
