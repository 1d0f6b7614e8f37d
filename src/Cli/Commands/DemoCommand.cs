using System.CommandLine;
using System.Diagnostics;
using FramesNet.Cli.Demo;
using FramesNet.Formats;
using FramesNet.Plan;
using static FramesNet.Frames;

namespace FramesNet.Cli.Commands;

/// <summary>
/// <c>frames demo</c>: the tour. Makes sample data when missing, converts a file to Arrow and previews it,
/// then runs a DataFrame pipeline (filter, join, group-by, sort) on every core and prints the result.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var folder = new Option<string>("--folder") { Description = "where the sample data lives", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var rows = new Option<long>("--rows") { Description = "trips to generate when the data is missing", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("demo", "Generate sample data, convert and preview it, and run a DataFrame pipeline on it") { folder, rows };
        command.SetAction(parse => CliApp.Guard(async () =>
        {
            var where = parse.GetValue(folder)!;
            const int files = 4;
            var clock = Stopwatch.StartNew();
            if (!SampleTrips.Exists(where, files))
            {
                SampleTrips.Write(where, parse.GetValue(rows), files);
                Console.WriteLine($"Generated {parse.GetValue(rows):N0} sample trips in {files} CSV files under {where}/ ({clock.Elapsed.TotalSeconds:N1} s)\n");
            }

            var csv = SampleTrips.TripFile(where, 0);
            var arrow = Path.ChangeExtension(csv, ".arrow");
            clock.Restart();
            using (var reader = TableFileReader.Open(csv))
            using (var writer = TableFileWriter.Create(arrow, reader.Schema))
            {
                foreach (var batch in reader.ReadBatches())
                    writer.Write(batch);
                writer.Commit();
            }
            Console.WriteLine($"Converted {csv} ({new FileInfo(csv).Length / 1e6:N1} MB) to {arrow} ({new FileInfo(arrow).Length / 1e6:N1} MB) in {clock.Elapsed.TotalSeconds:N2} s. Its first rows:");
            Console.WriteLine(ReadArrow(arrow).Head(5).Collect());

            var pipeline = ReadCsv(Path.Combine(where, "trips-*.csv"))
                .Filter(Col("fare") > 20)
                .Join(ReadCsv(Path.Combine(where, "zones.csv")), "zone_id")
                .GroupBy("borough")
                .Agg(Count().Alias("trips"), Col("fare").Mean().Alias("avg_fare"), (Col("tip").FillNull(0.0) / Col("fare")).Mean().Alias("avg_tip_share"))
                .Sort(SortKey.Desc("trips"));
            Console.WriteLine("Trips over 20 per borough: ReadCsv(trips-*.csv).Filter(fare > 20).Join(zones).GroupBy(borough).Agg(…)");
            clock.Restart();
            var result = await pipeline.CollectAsync(CliApp.Stopping);
            var graph = pipeline.BuildGraph();
            Console.WriteLine(result);
            Console.WriteLine($"{graph.Tasks.Count} tasks on {Environment.ProcessorCount} cores in {clock.Elapsed.TotalSeconds:N2} s. See the plan: DataFrame.Explain(); the docs: README.md.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
