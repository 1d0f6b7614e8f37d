using System.Diagnostics;
using System.Globalization;
using static FramesNet.Bench.BenchArgs;

namespace FramesNet.Bench;

/// <summary>
/// How fast frames-worker processes start: from process start to the scheduler receiving their hello
/// (listening, registered, control stream open). Starts N workers at once against an in-process stub
/// scheduler, R rounds. Usage: worker-start [--workers 2] [--rounds 5] [--exe PATH] [--fixed-ports] [--show-log]
/// </summary>
internal sealed class WorkerStartBench : IBenchCommand
{
    public string Name => "worker-start";

    public string Description => "frames-worker process start → registered with the scheduler (ms)";

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var workers = (int)Number(args, "--workers", 2);
        var rounds = (int)Number(args, "--rounds", 5);
        var showLog = args.Contains("--show-log");
        // With a port given, a worker registers while its server starts.
        var fixedPorts = args.Contains("--fixed-ports");
        var exe = Array.IndexOf(args, "--exe");
        var executable = exe >= 0 ? args[exe + 1] : Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "frames-worker.exe" : "frames-worker");
        Console.WriteLine($"worker-start bench: {Environment.ProcessorCount} cores, load {LoadAverage()}, {workers} workers at once, {rounds} rounds, {executable}");
        await using var scheduler = await StubScheduler.StartAsync();
        var all = new List<double>();
        var lastReady = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var started = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            var processes = Enumerable.Range(0, workers).Select(_ => Process.Start(new ProcessStartInfo(executable)
            {
                ArgumentList =
                {
                    "--scheduler", scheduler.Address.ToString(), "--slots", "1", "--log-level", showLog ? "debug" : "warn",
                    "--port", fixedPorts ? FreePort().ToString(CultureInfo.InvariantCulture) : "0",
                },
                RedirectStandardError = true,
                UseShellExecute = false,
            })!).ToList();
            var ready = new List<double>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            for (var i = 0; i < workers; i++)
            {
                await scheduler.NextHelloAsync(timeout.Token);
                ready.Add(clock.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"round {round + 1}: ready after {string.Join(", ", ready.Select(r => $"{r:F0}"))} ms");
            all.AddRange(ready);
            lastReady.Add(ready[^1]);
            foreach (var process in processes)
            {
                process.Kill();
                await process.WaitForExitAsync();
                if (showLog)
                    Console.WriteLine($"started {started:HH:mm:ss.fff}\n{await process.StandardError.ReadToEndAsync()}");
                process.Dispose();
            }
        }
        all.Sort();
        lastReady.Sort();
        Console.WriteLine($"process start → registered: median {all[all.Count / 2]:F0} ms per worker; all {workers} ready: median {lastReady[lastReady.Count / 2]:F0} ms");
        return 0;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
