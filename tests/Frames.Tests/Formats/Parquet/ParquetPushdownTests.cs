using FramesNet.Formats.Parquet;
using static FramesNet.Frames;

namespace FramesNet.Tests.Formats.Parquet;

/// <summary>Projection and predicate pushdown: row groups skipped by statistics, files by Hive partition values, shown by Explain.</summary>
public class ParquetPushdownTests : IDisposable
{
    private readonly ParquetTestFiles _files = new();

    /// <summary>10 row groups of 1000 ids each, ascending: a range filter can rule most out by min/max.</summary>
    private string Sorted()
    {
        var path = _files.PathOf("sorted.parquet");
        FromColumns(("id", Enumerable.Range(0, 10_000).Select(i => (long)i).ToArray()),
                ("name", Enumerable.Range(0, 10_000).Select(i => i % 3 == 0 ? null : $"n{i}").ToArray()),
                ("score", Enumerable.Range(0, 10_000).Select(i => i * 0.5).ToArray()))
            .WriteParquet(_files.PathOf("sorted"), new ParquetWriteOptions { RowGroupRows = 1000 });
        File.Move(_files.PathOf("sorted/part-00000.parquet"), path);
        return path;
    }

    [Fact]
    public void A_range_filter_skips_row_groups_by_statistics_and_Explain_says_how_many()
    {
        var frame = ReadParquet(Sorted()).Filter((Col("id") >= 2500) & (Col("id") < 4200)).Select("id", "score");

        var explain = frame.Explain();
        var table = frame.Collect();

        Assert.Contains("row-group filter [id >= 2500 AND id < 4200]: 7 of 10 row groups skipped", explain);
        Assert.Contains("columns 2 of 3", explain);
        Assert.Equal(1700, table.RowCount);
        Assert.Equal(Enumerable.Range(2500, 1700).Select(i => (long)i), table.Select(r => (long)r["id"]!).Order());
        Assert.Equal(["id", "score"], table.ColumnNames);
    }

    [Fact]
    public void Equality_null_tests_and_IsIn_prune_only_what_cannot_match()
    {
        var source = ReadParquet(Sorted());

        Assert.Contains("9 of 10 row groups skipped", source.Filter(Col("id") == 5123).Explain());
        Assert.Equal(1, source.Filter(Col("id") == 5123).Count());
        Assert.Contains("8 of 10 row groups skipped", source.Filter(Col("id").IsIn(5, 9999)).Explain());
        Assert.Equal(2, source.Filter(Col("id").IsIn(5, 9999)).Count());
        Assert.Contains("0 of 10 row groups skipped", source.Filter(Col("name").IsNull()).Explain());
        Assert.Equal(3334, source.Filter(Col("name").IsNull()).Count());
        Assert.Contains("10 of 10 row groups skipped", source.Filter(Col("score") > 1e9).Explain());
        Assert.Equal(0, source.Filter(Col("score") > 1e9).Count());
        // A string bound: names sort as strings ("n9999" > "n10000"), and the answer must not change.
        Assert.Equal(source.Collect().Count(r => r["name"] is string s && string.CompareOrdinal(s, "n5") < 0),
            source.Filter(Col("name") < "n5").Count());
    }

    [Fact]
    public void Hive_folders_become_columns_and_a_filter_on_them_skips_whole_files()
    {
        foreach (var (year, month) in new[] { (2023, 12), (2024, 1), (2024, 2) })
        {
            var folder = _files.PathOf($"trips/year={year}/month={month:D2}");
            Directory.CreateDirectory(folder);
            ParquetTestFiles.DuckDb($"COPY (SELECT i::BIGINT AS id FROM range(0, 100) r(i)) TO '{folder}/data.parquet' (FORMAT parquet)");
        }

        var frame = ReadParquet(_files.PathOf("trips/**/*.parquet"));
        var filtered = frame.Filter((Col("year") == 2024) & (Col("month") >= 2));

        Assert.Equal(["id", "year", "month"], frame.Schema.Fields.Select(f => f.Name));
        Assert.Equal("int64", frame.Schema["year"].Type.ToString());
        Assert.Contains("2 of 3 row groups skipped", filtered.Explain());
        var rows = filtered.Collect();
        Assert.Equal(100, rows.RowCount);
        Assert.All(rows, r => Assert.Equal((2024L, 2L), ((long)r["year"]!, (long)r["month"]!)));
        Assert.Equal(300, frame.Count());
        // A row count reads no column of the files: the rows still count, and the partition columns still filter.
        Assert.Equal(300L, frame.Agg(Count().Alias("n")).Collect().Single()["n"]);
        Assert.Equal(200L, frame.Filter(Col("year") == 2024).Agg(Count().Alias("n")).Collect().Single()["n"]);
    }

    [Fact]
    public void Small_row_groups_are_combined_into_fewer_partitions()
    {
        var path = Sorted();
        var context = FramesContext.Local with { Physical = FramesNet.Physical.PhysicalOptions.Default with { TargetScanPartitions = 2 } };

        var explain = ReadParquet(path, context: context).Explain().ToString();

        Assert.True(explain.Contains("[2 tasks]: ParquetScan sorted.parquet row groups [0, 5)"), explain);
    }

    public void Dispose() => _files.Dispose();
}
