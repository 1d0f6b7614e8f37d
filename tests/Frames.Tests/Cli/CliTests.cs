using FramesNet.Formats.Arrow;

namespace FramesNet.Tests.Cli;

/// <summary>The `frames` command as a user runs it: a real process, its output and exit code.</summary>
public class CliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-cli-").FullName;

    private static (int Code, string Out, string Err) Run(params string[] args) => FramesCli.Run(args);

    private string Csv(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Convert_goes_csv_to_arrow_file_to_arrow_stream_to_csv_and_back_unchanged()
    {
        var csv = Csv("in.csv", "id,name,score,day\n1,\"a, b\",1.5,2024-02-29\n2,,,\n3,\"say \"\"hi\"\"\",-0.25,1999-12-31\n");
        var arrow = Path.Combine(_folder, "out.arrow");
        var arrows = Path.Combine(_folder, "out.arrows");
        var back = Path.Combine(_folder, "back.csv");

        Assert.Equal(0, Run("convert", csv, arrow).Code);
        Assert.Equal(ArrowIpcFormat.File, ArrowIpc.Detect(arrow));
        Assert.Equal(0, Run("convert", arrow, arrows).Code);
        Assert.Equal(ArrowIpcFormat.Stream, ArrowIpc.Detect(arrows));
        var result = Run("convert", arrows, back);

        Assert.Equal(0, result.Code);
        Assert.Contains("wrote 3 rows, 4 columns", result.Err);
        Assert.Equal(File.ReadAllText(csv), File.ReadAllText(back));
    }

    [Fact]
    public void Convert_goes_csv_to_parquet_to_arrow_to_csv_unchanged_and_schema_verbose_shows_row_groups()
    {
        var csv = Csv("in.csv", "id,name,score,day\n1,\"a, b\",1.5,2024-02-29\n2,,,\n3,\"say \"\"hi\"\"\",-0.25,1999-12-31\n");
        var parquet = Path.Combine(_folder, "out.parquet");
        var arrow = Path.Combine(_folder, "out.arrow");
        var back = Path.Combine(_folder, "back.csv");

        Assert.Equal(0, Run("convert", csv, parquet).Code);
        Assert.Equal(0, Run("convert", parquet, arrow).Code);
        var result = Run("convert", arrow, back);
        var head = Run("head", parquet);
        var schema = Run("schema", parquet, "--verbose");

        Assert.Equal(0, result.Code);
        Assert.Equal(File.ReadAllText(csv), File.ReadAllText(back));
        Assert.Equal(0, head.Code);
        Assert.Contains("say \"hi\"", head.Out);
        Assert.Equal(0, schema.Code);
        Assert.Contains("score  float64", schema.Out);
        Assert.Contains("3 rows in 1 row group", schema.Out);
        Assert.Contains("id: snappy", schema.Out);
        Assert.Contains("min 1, max 3", schema.Out);
        Assert.Contains("1 nulls", schema.Out);
    }

    [Fact]
    public void Head_and_schema_show_the_table()
    {
        var csv = Csv("t.csv", "id,fare\n" + string.Join("\n", Enumerable.Range(1, 50).Select(i => $"{i},{i * 1.5}")) + "\n");

        var head = Run("head", csv, "-n", "3");
        var schema = Run("schema", csv);

        Assert.Equal(0, head.Code);
        var lines = head.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3 + 3, lines.Length); // names, types, rule, three rows
        Assert.Contains("int64", lines[1]);
        Assert.Contains("4.5", lines[5]);
        Assert.Equal(0, schema.Code);
        Assert.Contains("fare  float64", schema.Out);
    }

    [Fact]
    public void Bad_input_names_file_line_and_column_and_exits_1()
    {
        // The bad value lies beyond the rows type inference samples, so the column is float64 when it comes.
        var rows = Enumerable.Range(1, 20_001).Select(i => i == 20_001 ? $"{i},\"12,5\"" : $"{i},{i}.25");
        var csv = Csv("bad.csv", "id,fare\n" + string.Join("\n", rows) + "\n");

        var result = Run("convert", csv, Path.Combine(_folder, "x.arrow"));

        Assert.Equal(1, result.Code);
        Assert.Contains("bad.csv:20002: field 2 ('fare'): expected float64", result.Err);
        Assert.Contains("expected float64", result.Err);
        var missing = Run("head", Path.Combine(_folder, "nope.csv"));
        Assert.Equal(1, missing.Code);
        Assert.Contains("nope.csv", missing.Err);
        var ragged = Run("convert", Csv("ragged.csv", "a,b\n1,2\n3,4,5\n"), Path.Combine(_folder, "r.arrow"));
        Assert.Equal(1, ragged.Code);
        Assert.Contains("ragged.csv:3:", ragged.Err);
        Assert.False(File.Exists(Path.Combine(_folder, "r.arrow")), "a failed convert must not leave a file behind");
        var skipped = Run("convert", Path.Combine(_folder, "ragged.csv"), Path.Combine(_folder, "r.arrow"), "--skip-bad-rows");
        Assert.Equal(0, skipped.Code);
        Assert.Contains("skipped", skipped.Err);
    }

    [Theory]
    [InlineData(1_001, 1)]
    [InlineData(2, 2)]
    [InlineData(0, 5)]
    [InlineData(10, 6)]
    [InlineData(1_500, 1_234)]
    public void Convert_with_skip_bad_rows_counts_in_words_and_lists_the_first_bad_rows(int good, int bad)
    {
        // Bad rows have a field too many or too few (bad whatever types are inferred); line 1 is the header.
        var lines = new List<string> { "id,n" };
        var badLines = new List<int>();
        for (int g = 0, b = 0; g < good || b < bad;)
        {
            if (b < bad && (g >= good || lines.Count % 3 == 0))
            {
                lines.Add(b % 2 == 0 ? $"{b},{b},extra" : $"{b}");
                badLines.Add(lines.Count);
                b++;
            }
            else
            {
                lines.Add($"{g},{g}");
                g++;
            }
        }
        var csv = Csv("ragged.csv", string.Join("\n", lines) + "\n");

        var result = Run("convert", csv, Path.Combine(_folder, "out.arrow"), "--skip-bad-rows");

        Assert.Equal(0, result.Code);
        var err = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var noun = bad == 1 ? "bad row" : "bad rows";
        Assert.StartsWith($"wrote {Grouped(good)} {(good == 1 ? "row" : "rows")}, 2 columns to ", err[0]);
        Assert.EndsWith($"; skipped {Grouped(bad)} {noun}:", err[0]);
        var listed = err.Skip(1).Where(l => l.StartsWith("  " + csv, StringComparison.Ordinal)).ToArray();
        Assert.Equal(badLines.Take(5).Select(l => $"  {csv}:{l}:"), listed.Select(l => l[..(l.IndexOf(':', csv.Length + 3) + 1)]));
        Assert.All(listed, l => Assert.Contains(" fields", l));
        if (bad > 5)
            Assert.Equal($"  … and {Grouped(bad - 5)} more {(bad - 5 == 1 ? "bad row" : "bad rows")}", err[^1]);
        else
            Assert.Equal(1 + bad, err.Length);
    }

    [Fact]
    public void A_parquet_file_named_arrow_is_refused_saying_what_it_looks_like()
    {
        var path = Path.Combine(_folder, "really-parquet.arrow");
        File.WriteAllBytes(path, [.. "PAR1"u8, 0x15, 0x04, 0x15, 0x80, 0x01, .. "PAR1"u8]);

        var result = Run("head", path);

        Assert.Equal(1, result.Code);
        Assert.Contains("not an Arrow IPC file", result.Err);
        Assert.Contains("it starts with 50 41 52 31", result.Err);
        Assert.Contains("which looks like Parquet", result.Err);
    }

    [Fact]
    public void Usage_errors_exit_2_and_every_command_has_help()
    {
        Assert.Equal(2, Run("convert", "only-one-argument").Code);
        Assert.Equal(2, Run("frobnicate").Code);
        var unknownFormat = Run("convert", Csv("a.csv", "x\n1\n"), Path.Combine(_folder, "a.orc"));
        Assert.Equal(1, unknownFormat.Code);
        Assert.Contains(".arrows", unknownFormat.Err);
        Assert.Contains(".parquet", unknownFormat.Err);
        foreach (var command in new[] { "convert", "head", "schema", "demo", "local" })
        {
            var help = Run(command, "--help");
            Assert.Equal(0, help.Code);
            Assert.Contains("Usage:", help.Out);
        }
    }

    private static string Grouped(int count) => count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
