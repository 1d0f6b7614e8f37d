using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FramesNet.Cluster.Tests.TestSupport;
using FramesNet.Columns;

namespace FramesNet.Cluster.Tests;

/// <summary>
/// SIGTERM to the scheduler does not take the cluster down: workers keep running and register again with a
/// scheduler restarted on the same port. Stopping workers is explicit (--shutdown-workers-on-exit); frames
/// local, which owns its workers, stops them all on Ctrl+C. Real processes throughout.
/// </summary>
public sealed class SchedulerRestartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-restart-").FullName;

    [Fact]
    public async Task Workers_outlive_a_SIGTERMed_scheduler_and_register_again_with_the_next_one_which_runs_a_query()
    {
        var port = FreePort();
        await using var daemons = await Daemons.StartSchedulerAsync("--port", port);
        var workers = new[] { daemons.StartWorker("--host-name", "a"), daemons.StartWorker("--host-name", "b") };
        await using var cluster = await Cluster.ConnectAsync(daemons.Url);
        var before = await daemons.WaitForStatusAsync(cluster, s => s.Workers.Count == 2, "both workers");
        Assert.Equal(Expected, await CountByVendorAsync(cluster));

        var first = daemons.Scheduler;
        first.Signal(PosixSignalKind.Terminate);
        Assert.Equal(0, await first.ExitCodeAsync());
        foreach (var worker in workers)
            await worker.WaitForLineAsync(" scheduler_stopping ");
        Assert.All(workers, w => Assert.False(w.HasExited, $"a worker exited with the scheduler:\n{w.Stderr}"));

        await daemons.StartSchedulerProcessAsync(["--port", port]);
        var after = await daemons.WaitForStatusAsync(cluster, s => s.Workers.Count == 2, "both workers back");

        Assert.Equal(Expected, await CountByVendorAsync(cluster));
        Assert.Equal(Names(before), Names(after)); // each kept its id
        Assert.DoesNotContain("shutdown", first.Stdout + string.Concat(workers.Select(w => w.Stderr)));
    }

    [Fact]
    public async Task With_shutdown_workers_on_exit_a_SIGTERM_stops_the_workers_too()
    {
        await using var daemons = await Daemons.StartSchedulerAsync("--shutdown-workers-on-exit");
        var worker = daemons.StartWorker();
        await using (var cluster = await Cluster.ConnectAsync(daemons.Url))
            await daemons.WaitForStatusAsync(cluster, s => s.Workers.Count == 1, "the worker");

        daemons.Scheduler.Signal(PosixSignalKind.Terminate);

        Assert.Equal(0, await daemons.Scheduler.ExitCodeAsync());
        Assert.Equal(0, await worker.ExitCodeAsync());
        Assert.Contains("shutdown_requested reason=\"the scheduler is stopping\"", worker.Stderr);
    }

    [Fact]
    public async Task Frames_local_stops_its_scheduler_and_every_worker_on_Ctrl_C()
    {
        using var local = Executable.StartAsFromATerminal("frames", "local", "--workers", "2", "--port", "0");
        await local.WaitForLineAsync("frames cluster ready at");
        var children = ChildProcesses.Of(local.Id);
        Assert.Equal(2, children.Count);

        local.Signal(PosixSignalKind.Interrupt);

        Assert.Equal(0, await local.ExitCodeAsync());
        foreach (var child in children)
            Assert.False(ChildProcesses.IsRunning(child), $"worker process {child} outlived frames local");
    }

    [Fact]
    public async Task A_SIGTERM_while_frames_local_starts_stops_it_and_every_worker_it_started()
    {
        using var local = Executable.Start("frames", "local", "--workers", "2", "--port", "0", "--verbose");
        await local.WaitForLineAsync("[w-1] ");
        var children = ChildProcesses.Of(local.Id);

        local.Signal(PosixSignalKind.Terminate);

        Assert.Equal(0, await local.ExitCodeAsync());
        Assert.NotEmpty(children);
        foreach (var child in children)
            Assert.False(ChildProcesses.IsRunning(child), $"worker process {child} outlived frames local");
    }

    private static readonly string[] Expected = ["a=2", "b=1"];

    private async Task<string[]> CountByVendorAsync(Cluster cluster)
    {
        var path = Path.Combine(_folder, "trips.csv");
        File.WriteAllText(path, "vendor,fare\na,1.5\nb,2.5\na,3.0\n");
        var table = await (await cluster.ReadCsvAsync(path)).GroupBy("vendor").Agg(Frames.Count().Alias("n")).CollectAsync();
        return [.. table.Select(row => $"{row["vendor"]}={row["n"]}").Order()];
    }

    private static string[] Names(Rpc.Protocol.StatusReply status) => [.. status.Workers.Select(w => $"{w.WorkerId} (host {w.Host})").Order()];

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
