using FramesNet.Columns;
using FramesNet.Formats.Csv;
using FramesNet.Plan;
using static FramesNet.Frames;

namespace FramesNet.Query;

/// <summary>The five queries of the peer benchmark (../shared/bench/QUERIES.md) over its taxi-like dataset.</summary>
public static class BenchmarkQueries
{
    public static IReadOnlyList<string> Names { get; } = ["Q1", "Q2", "Q3", "Q4", "Q5"];

    /// <summary>The declared schema every engine uses (no type sniffing).</summary>
    public static Schema Trips { get; } = new(
        new Field("trip_id", DataType.Int64), new Field("pickup_day", DataType.Utf8), new Field("vendor", DataType.Utf8),
        new Field("passenger_count", DataType.Int64), new Field("distance_km", DataType.Float64), new Field("fare", DataType.Float64),
        new Field("tip", DataType.Float64), new Field("zone_id", DataType.Int64));

    public static Schema Zones { get; } = new(
        new Field("zone_id", DataType.Int64), new Field("borough", DataType.Utf8), new Field("zone_name", DataType.Utf8));

    /// <param name="read">
    /// Opens files by pattern (and, for CSV, the declared schema; Parquet files carry theirs): default <c>Frames.ReadCsv</c> or
    /// <c>Frames.ReadParquet</c> in <paramref name="context"/>; a cluster passes its own.
    /// </param>
    /// <param name="format"><c>csv</c> (<c>trips-NNN.csv</c>, <c>zones.csv</c>) or <c>parquet</c> (the copies <c>make_parquet.js</c> made).</param>
    public static DataFrame Query(string name, string dataDirectory, FramesContext? context = null, Func<string, Schema, DataFrame>? read = null, string format = "csv")
    {
        if (format is not ("csv" or "parquet"))
            throw new ArgumentException($"unknown format '{format}'; the formats are csv and parquet");
        read ??= format == "parquet"
            ? (pattern, _) => ReadParquet(pattern, context: context)
            : (pattern, schema) => ReadCsv(pattern, new CsvReadOptions { Schema = schema }, context);
        var trips = read(Path.Combine(dataDirectory, $"trips-[0-9][0-9][0-9].{format}"), Trips);
        return name switch
        {
            "Q1" => trips.Filter((Col("fare") > 20) & (Col("passenger_count") >= 2)).Agg(Count().Alias("n")),
            "Q2" => trips.GroupBy("vendor")
                .Agg(Count().Alias("n"), Col("fare").Sum().Alias("sum_fare"), Col("distance_km").Mean().Alias("avg_distance_km"), Col("tip").Max().Alias("max_tip"))
                .Sort("vendor"),
            "Q3" => trips.Join(read(Path.Combine(dataDirectory, $"zones.{format}"), Zones), "zone_id")
                .GroupBy("borough")
                .Agg(Count().Alias("n"), (Col("fare") + Col("tip").FillNull(0.0)).Mean().Alias("avg_total"))
                .Sort("borough"),
            "Q4" => trips.Sort(SortKey.Desc("fare"), SortKey.Asc("trip_id")).Head(10).Select("trip_id", "fare"),
            "Q5" => trips.Select("pickup_day", "zone_id").Distinct().Agg(Count().Alias("n")),
            _ => throw new ArgumentException($"unknown query '{name}'; the queries are {string.Join(", ", Names)}"),
        };
    }
}
