using System.Diagnostics;
using System.Globalization;
using FramesNet;
using FramesNet.Cluster;
using FramesNet.Execution;
using FramesNet.Formats.Csv;
using FramesNet.Query;

// frames-query --data DIR --query Qn [--format csv|parquet] [--threads N | --scheduler URL | --local-cluster N]
// Prints the canonical answer on stdout and `TIMING {...}` on stderr (../shared/bench/QUERIES.md).
string? data = null, query = null, scheduler = null, logs = null;
var format = "csv";
var explain = false;
int? threads = null, localWorkers = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--data" when i + 1 < args.Length: data = args[++i]; break;
        case "--query" when i + 1 < args.Length: query = args[++i]; break;
        case "--format" when i + 1 < args.Length: format = args[++i]; break;
        case "--threads" when i + 1 < args.Length: threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--scheduler" when i + 1 < args.Length: scheduler = args[++i]; break;
        case "--local-cluster" when i + 1 < args.Length: localWorkers = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--explain": explain = true; break;
        case "--logs" when i + 1 < args.Length: logs = args[++i]; break;
        case "--help" or "-h":
            Console.WriteLine("usage: frames-query --data DIR --query Q1..Q5 [--format csv|parquet] [--threads N | --scheduler URL | --local-cluster N [--logs DIR]] [--explain]");
            Console.WriteLine("  --format parquet reads trips-NNN.parquet and zones.parquet (made by make_parquet.js) instead of the CSVs");
            Console.WriteLine("  in-process by default; --scheduler runs on a running cluster; --local-cluster starts scheduler and N workers itself");
            Console.WriteLine("  --logs DIR keeps the local cluster's daemon logs there (scheduler.log, w-1.log…; a worker's last line gives its CPU and JIT figures)");
            Console.WriteLine("  --explain prints the plans and task graph to stderr first");
            return 0;
        default:
            Console.Error.WriteLine($"frames-query: unexpected argument '{args[i]}' (try --help)");
            return 2;
    }
}
if (data is null || query is null)
{
    Console.Error.WriteLine("frames-query: --data DIR and --query Qn are required (try --help)");
    return 2;
}
try
{
    var setup = Stopwatch.StartNew();
    LocalCluster? local = null;
    Cluster? cluster = null;
    if (localWorkers is { } workers)
    {
        local = await LocalCluster.StartAsync(workers, new LocalClusterOptions { LogDirectory = logs });
        scheduler = local.Url;
    }
    if (scheduler is not null)
        cluster = await Cluster.ConnectAsync(scheduler);
    var setupSeconds = setup.Elapsed.TotalSeconds;
    var clock = Stopwatch.StartNew();
    var frame = cluster is null
        ? BenchmarkQueries.Query(query, data, FramesContext.Local with { Executor = new LocalExecutor(threads) }, format: format)
        : BenchmarkQueries.Query(query, Path.GetFullPath(data), cluster.Context, format == "parquet"
            ? (pattern, _) => cluster.ReadParquet(pattern)
            : (pattern, schema) => cluster.ReadCsv(pattern, new CsvReadOptions { Schema = schema }), format);
    if (explain)
        Console.Error.WriteLine(frame.Explain());
    var table = await frame.CollectAsync();
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine(CanonicalJson.Format(query, table));
    var engine = local is not null ? $"frames-local-cluster-{localWorkers}" : cluster is not null ? "frames-cluster" : "frames";
    // cluster_start_s: the part of setup_s spent starting the local cluster (the rest is connecting).
    var clusterStart = local is null ? "" : FormattableString.Invariant($",\"cluster_start_s\":{local.StartTime.TotalSeconds:0.000}");
    Console.Error.WriteLine(FormattableString.Invariant($"TIMING {{\"engine\":\"{engine}\",\"query\":\"{query}\",\"query_s\":{seconds:0.000},\"setup_s\":{setupSeconds:0.000}{clusterStart}}}"));
    cluster?.Dispose();
    if (local is not null)
        await local.DisposeAsync();
    return 0;
}
catch (Exception e) when (e is ArgumentException or IOException or FormatException or FramesNet.Plan.PlanException or TaskFailedException or ClusterJobException or TimeoutException)
{
    Console.Error.WriteLine($"frames-query: {e.Message}");
    return 1;
}
