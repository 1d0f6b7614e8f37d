using System.Diagnostics;
using System.Globalization;
using FramesNet;
using FramesNet.Execution;
using FramesNet.Query;

// frames-query --data DIR --query Qn [--threads N]
// Prints the canonical answer on stdout and `TIMING {...}` on stderr (../shared/bench/QUERIES.md).
string? data = null, query = null;
int? threads = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--data" when i + 1 < args.Length: data = args[++i]; break;
        case "--query" when i + 1 < args.Length: query = args[++i]; break;
        case "--threads" when i + 1 < args.Length: threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--help" or "-h":
            Console.WriteLine("usage: frames-query --data DIR --query Q1..Q5 [--threads N]");
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
    var context = FramesContext.Local with { Executor = new LocalExecutor(threads) };
    var clock = Stopwatch.StartNew();
    var table = BenchmarkQueries.Query(query, data, context).Collect();
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine(CanonicalJson.Format(query, table));
    Console.Error.WriteLine(FormattableString.Invariant($"TIMING {{\"engine\":\"frames\",\"query\":\"{query}\",\"query_s\":{seconds:0.000},\"setup_s\":0}}"));
    return 0;
}
catch (Exception e) when (e is ArgumentException or IOException or FormatException or FramesNet.Plan.PlanException or TaskFailedException)
{
    Console.Error.WriteLine($"frames-query: {e.Message}");
    return 1;
}
