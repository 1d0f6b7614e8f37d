using FramesNet.Columns;
using FramesNet.Plan;
using static FramesNet.Frames;

namespace FramesNet.Tests.Api;

public class DataFrameVerbTests
{
    private static DataFrame Trips(int partitions = 3) => Frames.FromColumns(FramesContext.Local, partitions,
        ("id", new long[] { 1, 2, 3, 4, 5, 6, 7, 8 }),
        ("vendor", new[] { "A", "B", "A", null, "B", "A", "C", "A" }),
        ("fare", new double?[] { 10, 25.5, null, 40, 5, 31, 22, 18 }),
        ("zone", new long[] { 1, 2, 1, 3, 2, 9, 1, 2 }));

    private static DataFrame Zones() => Frames.FromColumns(
        ("zone", new long[] { 1, 2, 3, 4 }),
        ("borough", new[] { "North", "South", "North", "East" }));

    private static List<object?[]> Rows(Table table) => table.Select(r => Enumerable.Range(0, table.Schema.Count).Select(c => r[c]).ToArray()).ToList();

    [Fact]
    public void Filter_and_select_keep_matching_rows_in_order()
    {
        var table = Trips().Filter(Col("fare") > 20).Select("id", "fare").Collect();

        Assert.Equal([2L, 4L, 6L, 7L], table.Select(r => (long)r["id"]!));
    }

    [Fact]
    public void WithColumn_computes_and_replaces()
    {
        var table = Trips().WithColumn("fare", Col("fare").FillNull(0.0) * 2).WithColumn("big", Col("fare") > 40).Collect();

        Assert.Equal(["id", "vendor", "fare", "zone", "big"], table.ColumnNames);
        Assert.Equal(0.0, table.Get<double>(2, "fare"));
        Assert.Equal(true, table[1]["big"]);
    }

    [Fact]
    public void GroupBy_aggregates_with_sql_null_semantics()
    {
        var table = Trips().GroupBy("vendor")
            .Agg(Count(), Col("fare").Count().Alias("fares"), Col("fare").Sum().Alias("total"), Col("fare").Max().Alias("top"))
            .Sort("vendor")
            .Collect();

        Assert.Equal(
            [
                ["A", 4L, 3L, 59.0, 31.0],
                ["B", 2L, 2L, 30.5, 25.5],
                ["C", 1L, 1L, 22.0, 22.0],
                [null, 1L, 1L, 40.0, 40.0],
            ],
            Rows(table));
    }

    [Fact]
    public void Join_types_follow_sql()
    {
        var inner = Trips().Join(Zones(), "zone").Select("id", "borough").Sort("id").Collect();
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 7L, 8L], inner.Select(r => (long)r["id"]!));

        var left = Trips().Join(Zones(), "zone", JoinType.Left).Filter(Col("borough").IsNull()).Select("id").Collect();
        Assert.Equal([6L], left.Select(r => (long)r["id"]!));

        var anti = Zones().Join(Trips(), "zone", JoinType.Anti).Collect();
        Assert.Equal(["East"], anti.Select(r => (string)r["borough"]!));

        var full = Trips().Join(Zones(), "zone", JoinType.Full).Select("zone").Distinct().Sort("zone").Collect();
        Assert.Equal([1L, 2L, 3L, 4L, 9L], full.Select(r => (long)r["zone"]!));
    }

    [Fact]
    public void Sort_with_head_is_a_top_k()
    {
        var df = Trips().Sort(SortKey.Desc("fare"), SortKey.Asc("id")).Head(3);

        Assert.Contains("TopK k=3", df.Explain());
        Assert.Equal([4L, 6L, 2L], df.Collect().Select(r => (long)r["id"]!));
    }

    [Fact]
    public void Nulls_sort_last_ascending_by_default()
    {
        var table = Trips().Sort("fare").Select("fare").Collect();

        Assert.Null(table[7]["fare"]);
        Assert.Equal(5.0, table[0]["fare"]);
    }

    [Fact]
    public void Distinct_union_count_and_value_counts()
    {
        Assert.Equal(4, Trips().Select("vendor").Distinct().Count());
        Assert.Equal(16, Trips().Union(Trips()).Count());
        var counts = Trips().ValueCounts("vendor").Collect();
        Assert.Equal(["A", "B", "C", null], counts.Select(r => (string?)r["vendor"]));
    }

    [Fact]
    public void Repartition_keeps_every_row()
    {
        Assert.Equal(8, Trips().Repartition(5, "vendor").Count());
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L], Trips().Repartition(3).Collect().Select(r => (long)r["id"]!));
    }

    [Fact]
    public void A_misspelt_column_fails_when_the_frame_is_built()
    {
        var error = Assert.Throws<PlanException>(() => Trips().Filter(Col("fair") > 20));

        Assert.Equal("column 'fair' not found; did you mean 'fare'?", error.Message);
    }

    [Fact]
    public void MapPartitions_runs_a_function_on_batches()
    {
        var doubled = Trips().Select("id").MapPartitions(b => new RecordBatch(b.Schema, [FramesNet.Expressions.Evaluation.ConstantColumn.Create(7L, DataType.Int64, b.Length)]));

        Assert.All(doubled.Collect(), r => Assert.Equal(7L, r["id"]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Sum_of_unsigned_integers_is_int64_like_every_integer_sum(int rows)
    {
        // Found by the differential oracle: the plan said uint64 while the sum kernel produced int64, so the
        // aggregate failed with "column holds int64, the schema says uint64".
        var frame = Frames.FromColumns(FramesContext.Local, 2, ("k", new ulong[] { 1, 2, 40 }.Take(rows).ToArray()), ("g", new uint[] { 7, 7, 8 }.Take(rows).ToArray()));

        var total = frame.Agg(Col("k").Sum().Alias("s"), Col("g").Sum().Alias("t")).Collect();
        var grouped = frame.GroupBy("g").Agg(Col("k").Sum().Alias("s")).Sort("g").Collect();

        Assert.Equal(DataType.Int64, total.Schema["s"].Type);
        Assert.Equal(rows == 0 ? null : 43L, total[0]["s"]);
        Assert.Equal(rows == 0 ? null : 22L, total[0]["t"]);
        Assert.Equal(rows == 0 ? [] : new object?[] { 3L, 40L }, grouped.Select(r => r["s"]));
    }
}
