using FramesNet.Columns;
using FramesNet.Formats.Csv;

namespace FramesNet.Tests.Formats.Csv;

/// <summary>
/// What schema inference says about how it chose each type: a column that became utf8 although most sampled values
/// fit another type names that type and the values (with their lines) that did not fit; every family is covered.
/// </summary>
public sealed class CsvInferenceReportTests : IDisposable
{
    private readonly CsvTestFiles _files = new();

    public static TheoryData<string[], string, string?, int, string[]> Columns => new()
    {
        // values (one per data row, line 2 onwards), the type, the type most values fit, how many do not, the first of those
        { ["1", "2", "3"], "int64", null, 0, [] },
        { ["1", "2.5", "3"], "float64", null, 0, [] },
        { ["1", "2", "n/a", "4", "-"], "utf8", "int64", 2, ["line 4 'n/a'", "line 6 '-'"] },
        { ["1", "2.5", "x", "4"], "utf8", "float64", 1, ["line 4 'x'"] },
        { ["true", "false", "maybe", "true"], "utf8", "bool", 1, ["line 4 'maybe'"] },
        { ["2024-01-01", "2024-02-01 10:00:00", "soon", "2024-03-01"], "utf8", "timestamp[us]", 1, ["line 4 'soon'"] },
        { ["2024-01-01", "2024-01-02", "2024-01-03", "7"], "utf8", "date32", 1, ["line 5 '7'"] },
        { ["1", "2", "3", "4", "5", "2024-01-01", "true", "x"], "utf8", "int64", 3, ["line 7 '2024-01-01'", "line 8 'true'", "line 9 'x'"] },
        { ["a", "b", "1"], "utf8", null, 0, [] },
        { ["a", "1", "2"], "utf8", "int64", 1, ["line 2 'a'"] },
        { ["1", "x", "y", "2"], "utf8", null, 0, [] },
    };

    [Theory]
    [MemberData(nameof(Columns))]
    public void A_utf8_column_names_the_type_most_values_fit_and_the_values_that_do_not(string[] values, string type, string? fits, int notFitting,
        string[] examples)
    {
        var path = _files.Write("t.csv", "id,v\n" + string.Join("\n", values.Select((v, i) => $"{i},{v}")) + "\n");

        var inferred = CsvReader.InferSchemaWithReport([path]);

        var column = inferred.Columns[1];
        Assert.Equal(type, column.Type.ToString());
        Assert.Equal(type, inferred.Schema[1].Type.ToString());
        Assert.Equal(fits, column.MostValuesFit?.ToString());
        Assert.Equal(notFitting, column.NotFitting);
        Assert.Equal(values.Length, column.Values);
        Assert.Equal(examples, column.NotFittingExamples.Select(e => e.Describe(withFileName: false)));
        if (fits is null)
            Assert.Null(column.Note());
        else
            Assert.StartsWith($"{notFitting} of {values.Length} sampled values {(notFitting == 1 ? "is" : "are")} not {fits}: {examples[0]}", column.Note());
    }

    [Fact]
    public void The_report_says_how_many_rows_were_sampled_and_whether_that_was_all()
    {
        var path = _files.Write("t.csv", "n,e\n" + string.Join("\n", Enumerable.Range(0, 1500).Select(i => $"{i},")) + "\n");

        var all = CsvReader.InferSchemaWithReport([path]);
        var some = CsvReader.InferSchemaWithReport([path], new CsvReadOptions { InferenceRows = 1000 });
        var exact = CsvReader.InferSchemaWithReport([path], new CsvReadOptions { InferenceRows = 1500 });

        Assert.Equal((1500L, true), (all.SampledRows, all.SampledAllRows));
        Assert.Equal($"types inferred from all 1,500 rows of {path}", all.Describe());
        Assert.Equal((1000L, false), (some.SampledRows, some.SampledAllRows));
        Assert.Equal($"types inferred from the first 1,000 rows of {path}", some.Describe());
        Assert.True(exact.SampledAllRows);
        Assert.Equal(DataType.Utf8, all.Schema[1].Type);
        Assert.Equal("no values in the sample (1,500 nulls)", all.Columns[1].Note());
    }

    [Fact]
    public void Values_that_do_not_fit_are_named_with_their_file_when_there_are_several()
    {
        var first = _files.Write("a.csv", "v\n1\n2\n3\n");
        var second = _files.Write("b.csv", "v\n4\nnone\n5\n");

        var inferred = CsvReader.InferSchemaWithReport([first, second]);

        Assert.Equal($"1 of 6 sampled values is not int64: {second}:3 'none'", inferred.Columns[0].Note(withFileNames: true));
        Assert.Equal("types inferred from all 6 rows of 2 files", inferred.Describe());
    }

    public void Dispose() => _files.Dispose();
}
