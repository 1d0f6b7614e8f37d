// A program a user would write against the FramesNet package: aggregate a CSV in-process, then the same query on a
// LocalCluster of 2 workers. Prints one line per result row, prefixed with where it ran, for PackageTests to check.
using FramesNet;
using FramesNet.Cluster;
using FramesNet.Plan;
using static FramesNet.Frames;

var csv = args[0];

DataFrame Query(DataFrame source) => source
    .GroupBy("city")
    .Agg(Count().Alias("trips"), Col("fare").Sum().Alias("fares"))
    .Sort(SortKey.Asc("city"));

Print("local", Query(ReadCsv(csv)).Collect());

await using var local = await LocalCluster.StartAsync(2);
await using var cluster = await local.ConnectAsync();
Console.WriteLine($"cluster workers={local.Workers.Count} running={local.Workers.Count(w => !w.HasExited)}");
Print("cluster", await Query(cluster.ReadCsv(csv)).CollectAsync());

static void Print(string where, Table table)
{
    foreach (var row in table)
        Console.WriteLine($"{where} {row["city"]} trips={row["trips"]} fares={row["fares"]}");
}
