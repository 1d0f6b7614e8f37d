using FramesNet.Formats.Csv;
using FramesNet.Physical;
using FramesNet.Plan;
using FramesNet.Plan.Optimizer;
using static FramesNet.Frames;

namespace FramesNet.Tests.Plan;

/// <summary>
/// EXPLAIN output pinned by golden files (tests/Frames.Tests/Golden/Explain/NAME.txt): the logical,
/// optimised and physical plans and the task graph with its keys. Run with FRAMES_UPDATE_GOLDEN=1 to
/// rewrite them, then review the diff like code.
/// </summary>
public class ExplainGoldenTests
{
    private static readonly string Data = Path.Combine(Path.GetTempPath(), "frames-explain-golden");
    private static readonly DateTime Stamp = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly object Gate = new();

    private static FramesContext Context(OptimizerOptions? optimizer = null) => FramesContext.Local with
    {
        Physical = PhysicalOptions.Default with { ShuffleBuckets = 3, TargetScanPartitions = 4, ScanPartitionBytes = 64, TreeFanIn = 2 },
        Optimizer = optimizer ?? OptimizerOptions.Default,
    };

    private static DataFrame Trips(FramesContext? context = null) => ReadCsv(Path.Combine(Data, "trips-*.csv"), null, context ?? Context());

    private static DataFrame Zones(FramesContext? context = null) => ReadCsv(Path.Combine(Data, "zones.csv"), null, context ?? Context());

    /// <summary>The same files as a cluster sees them: listed with size and time, not readable by the planner.</summary>
    private static DataFrame Unsampled(DataFrame local)
    {
        var files = Directory.GetFiles(Data, "trips-*.csv").Order(StringComparer.Ordinal)
            .Select(path => (path, new FileInfo(path).Length, Stamp)).ToArray();
        return new DataFrame(new ScanNode(new CsvSource(files, local.Schema, null)), Context());
    }

    public static TheoryData<string> Names() => new(Cases.Keys);

    private static readonly Dictionary<string, Func<DataFrame>> Cases = new()
    {
        ["filter_count"] = () => Trips().Filter((Col("fare") > 20) & (Col("passengers") >= 2)).Agg(Count().Alias("n")),
        ["group_by"] = () => Trips().GroupBy("vendor").Agg(Count().Alias("n"), Col("fare").Sum().Alias("total")).Sort("vendor"),
        ["broadcast_join"] = () => Trips().Join(Zones(), "zone_id").Filter(Col("borough") == "Queens").GroupBy("borough").Agg(Col("fare").Mean()),
        ["shuffle_join"] = () => Trips(Context(OptimizerOptions.Default with { BroadcastThresholdBytes = 0 }))
            .Join(Zones(Context(OptimizerOptions.Default with { BroadcastThresholdBytes = 0 })), "zone_id", JoinType.Left).Select("trip_id", "borough"),
        ["top_k"] = () => Trips().Sort(SortKey.Desc("fare"), SortKey.Asc("trip_id")).Head(3).Select("trip_id", "fare"),
        ["sort"] = () => Trips().Filter(Col("fare") > Lit(1) + 1).Sort("fare"),
        ["distinct"] = () => Trips().Select("vendor", "zone_id").Distinct(),
        // A cluster's scan: the client cannot sample files that live on workers, so a distinct shuffles.
        ["distinct_unsampled"] = () => Unsampled(Trips()).Select("vendor", "zone_id").Distinct(),
        ["group_by_unsampled"] = () => Unsampled(Trips()).GroupBy("vendor").Agg(Count().Alias("n")),
        ["union_limit"] = () => Trips().Select("trip_id").Union(Trips().Select("trip_id")).Head(5),
        ["no_pushdown"] = () => Trips(Context(OptimizerOptions.Default with { Disabled = new HashSet<string> { "projection_pushdown", "predicate_pushdown" } }))
            .WithColumn("total", Col("fare") + Col("tip").FillNull(0.0)).Filter(Col("total") > 10).Select("trip_id"),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Explain_matches_its_golden_file(string name)
    {
        WriteData();
        var actual = Cases[name]().Explain().ToString().Replace(Data, "$DATA");
        var golden = Path.Combine(GoldenFolder(), $"{name}.txt");
        if (Environment.GetEnvironmentVariable("FRAMES_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, actual);
            return;
        }
        Assert.True(File.Exists(golden), $"no golden file {golden}: run the tests with FRAMES_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(golden), actual);
    }

    /// <summary>Small CSV files with fixed contents and modification times, so task keys are the same on every run.</summary>
    private static void WriteData()
    {
        lock (Gate)
        {
            Directory.CreateDirectory(Data);
            Write("zones.csv", "zone_id,borough\n1,Queens\n2,Bronx\n3,Queens\n");
            for (var f = 0; f < 2; f++)
            {
                var rows = Enumerable.Range(0, 6).Select(i => f * 6 + i)
                    .Select(id => $"{id},{(id % 3 == 0 ? "A" : "B")},{(id % 4 == 0 ? "" : (id % 5).ToString())},{id * 3.5:0.0},{(id % 2 == 0 ? "" : "1.5")},{id % 3 + 1}");
                Write($"trips-{f:D3}.csv", "trip_id,vendor,passengers,fare,tip,zone_id\n" + string.Join("\n", rows) + "\n");
            }
        }
    }

    private static void Write(string name, string text)
    {
        var path = Path.Combine(Data, name);
        if (!File.Exists(path) || File.ReadAllText(path) != text)
            File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, Stamp);
    }

    /// <summary>The golden folder in the source tree (so updates land in the repository, not in bin/).</summary>
    private static string GoldenFolder([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "..", "Golden", "Explain");
}
