using FramesNet.Plan;
using FramesNet.Tests.TestSupport;
using static FramesNet.Frames;

namespace FramesNet.Tests.Api;

/// <summary>The README's examples, as written there, run on the benchmark's small dataset.</summary>
public class ReadmeExamplesTests
{
    private static string Data => BenchData.SmallFolder;

    [Fact]
    public void The_main_example_runs()
    {
        var trips = ReadCsv(Path.Combine(Data, "trips-*.csv"));
        var zones = ReadCsv(Path.Combine(Data, "zones.csv"));

        var perBorough = trips
            .Filter((Col("fare") > 20) & Col("passenger_count").IsNotNull())
            .WithColumn("total", Col("fare") + Col("tip").FillNull(0.0))
            .Join(zones, "zone_id")
            .GroupBy("borough")
            .Agg(Count().Alias("trips"), Col("total").Mean().Alias("avg_total"), Col("tip").Max())
            .Sort(SortKey.Desc("trips"));

        Assert.Contains("== Task graph ==", perBorough.Explain());
        var result = perBorough.Collect();
        Assert.Equal(6, result.RowCount);
        Assert.Equal(["borough", "trips", "avg_total", "tip_max"], result.ColumnNames);
        Assert.Contains("Queens", result.ToString());
        Assert.True((long)result[0]["trips"]! >= (long)result[5]["trips"]!);
    }

    [Fact]
    public void The_smaller_examples_run()
    {
        var df = FromColumns(("id", new long[] { 1, 2, 3 }), ("name", new[] { "a", null, "c" }));
        var picked = df.Filter(Col("name").IsIn("a", "c")).Select(Col("id"), Col("name").Upper().Alias("NAME")).Collect();
        Assert.Equal(["A", "C"], picked.Select(r => (string)r["NAME"]!));
        var sized = df.WithColumn("size", When(Col("id") > 2).Then("big").Otherwise("small")).Collect();
        Assert.Equal(["small", "small", "big"], sized.Select(r => (string)r["size"]!));

        var trips = ReadCsv(Path.Combine(Data, "trips-*.csv"));
        Assert.Equal(95607, trips.Select("pickup_day", "zone_id").Distinct().Count());
        Assert.Equal(10, trips.Sort(SortKey.Desc("fare"), SortKey.Asc("trip_id")).Head(10).Collect().RowCount);
        Assert.Equal("VTS", trips.ValueCounts("vendor").Collect()[0]["vendor"]);
        var described = trips.Describe();
        Assert.Equal(1_000_000.0, described.Get<double>(0, "fare"));
        Assert.Equal(1_000_000, trips.Repartition(16, "zone_id").MapPartitions(batch => batch).Count());
    }
}
