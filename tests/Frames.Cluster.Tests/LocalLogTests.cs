using FramesNet.Cluster.Tests.TestSupport;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Cluster.Tests;

/// <summary>
/// The daemons' logs under <c>frames local</c>: --verbose prints them, --log-dir keeps them in files, and
/// without either a worker's own error still reaches the person (its last lines in the error).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // /proc, and a shell script as a fake worker
public sealed class LocalLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-local-logs-").FullName;

    [Fact]
    public async Task A_worker_that_fails_to_start_puts_its_own_error_in_the_exception()
    {
        var error = await Assert.ThrowsAsync<WorkerStartException>(() =>
            LocalCluster.StartAsync(1, new LocalClusterOptions { StartTimeout = Patience.Wait, DataRoots = [["/nonexistent/data"]] }));

        Assert.Equal(("w-1", 1), (error.Worker, error.ExitCode));
        Assert.StartsWith("worker w-1 exited with code 1 during start-up; its last lines:\n", error.Message);
        Assert.Contains("  frames-worker: --data-root /nonexistent/data is not a folder", error.Message);
    }

    [Fact]
    public async Task Frames_local_exits_1_with_the_stderr_of_a_worker_that_cannot_start()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "frames-worker.dll"), "");
        var script = Path.Combine(bin, "frames-worker");
        File.WriteAllText(script, "#!/bin/sh\necho 'starting' \necho 'boom: the GPU is gone' >&2\nexit 1\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        using var local = Executable.Start("frames", ["local", "--workers", "1", "--port", "0"], new Dictionary<string, string> { ["FRAMES_BIN"] = bin });

        Assert.Equal(1, await local.ExitCodeAsync());
        Assert.StartsWith("frames: worker w-1 exited with code 1 during start-up; its last lines:\n", local.Stderr);
        Assert.Contains("  boom: the GPU is gone", local.Stderr);
        Assert.DoesNotContain("   at ", local.Stderr);
    }

    [Fact]
    public async Task Quiet_by_default_yet_a_worker_that_dies_is_reported_with_its_last_lines()
    {
        using var local = Executable.Start("frames", "local", "--workers", "1", "--port", "0");
        await local.WaitForLineAsync("frames cluster ready at");
        var worker = Assert.Single(ChildProcesses.Of(local.Id));

        Assert.DoesNotContain("worker_registered", local.Stderr);
        KillProcess(worker);
        var line = await local.WaitForLineAsync("frames: worker w-1 exited with code ");
        local.Signal(PosixSignalKind.Terminate);

        Assert.Equal(0, await local.ExitCodeAsync());
        Assert.Equal("frames: worker w-1 exited with code 137; its last lines:", line);
        Assert.Contains(" info connection registered worker=w-1 ", local.Stderr);
    }

    [Fact]
    public async Task Verbose_prints_both_daemons_logs_and_log_dir_keeps_them_in_files()
    {
        var logs = Path.Combine(_folder, "logs");
        using var local = Executable.Start("frames", "local", "--workers", "1", "--port", "0", "--verbose", "--log-dir", logs);
        await local.WaitForLineAsync("frames cluster ready at");
        await local.WaitForLineAsync("[w-1] ");
        local.Signal(PosixSignalKind.Terminate);
        Assert.Equal(0, await local.ExitCodeAsync());

        Assert.Contains($"  logs in {logs}", local.Stdout);
        Assert.Contains(" info scheduler worker_registered worker=w-1 ", local.Stderr);
        Assert.Matches(@"(?m)^\[w-1\] \S+ info connection registered worker=w-1 ", local.Stderr);
        Assert.Contains(" info scheduler worker_registered worker=w-1 ", File.ReadAllText(Path.Combine(logs, "scheduler.log")));
        Assert.Matches(@"(?m)^\S+ info connection registered worker=w-1 ", File.ReadAllText(Path.Combine(logs, "w-1.log")));
    }

    private static void KillProcess(int pid)
    {
        using var process = System.Diagnostics.Process.GetProcessById(pid);
        process.Kill();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
