using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Tests.TestSupport;
using Case = FramesNet.Rpc.Protocol.WorkerMessage.MessageOneofCase;

namespace FramesNet.Worker.Tests;

/// <summary>The frames-worker executable: flags, exit codes, log lines, signals.</summary>
public class ProgramTests
{
    [Theory]
    [InlineData("--slots 0", "--slots must be at least 1, not 0")]
    [InlineData("--memory-limit 4X", "--memory-limit must be a size like 4G, 512M or 1073741824, not '4X'")]
    [InlineData("--host nowhere", "--host must be an IP address")]
    [InlineData("--connect-timeout soon", "--connect-timeout must be a duration")]
    [InlineData("--port 70000", "--port must be 0–65535 (0 takes a free port), not 70000")]
    public async Task A_bad_flag_exits_2_with_one_clear_line(string flags, string message)
    {
        using var worker = WorkerProcess.Start(["--scheduler", "http://127.0.0.1:1", .. flags.Split(' ')]);

        Assert.Equal(2, await worker.ExitAsync());
        var line = Assert.Single(worker.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("frames-worker: ", line);
        Assert.Contains(message, line);
    }

    [Theory]
    [InlineData("--data-root /nonexistent/folder", "--data-root /nonexistent/folder is not a folder")]
    [InlineData("--share-dir /nonexistent/folder", "--share-dir /nonexistent/folder is not a folder")]
    [InlineData("--token-file /nonexistent/token", "--token-file /nonexistent/token: Could not find a part of the path")]
    public async Task A_file_or_folder_that_cannot_be_used_exits_1_with_one_clear_line(string flags, string message)
    {
        using var worker = WorkerProcess.Start(["--scheduler", "http://127.0.0.1:1", .. flags.Split(' ')]);

        Assert.Equal(1, await worker.ExitAsync());
        var line = Assert.Single(worker.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("frames-worker: " + message, line);
    }

    [Fact]
    public async Task A_missing_scheduler_flag_exits_2()
    {
        using var worker = WorkerProcess.Start("--slots", "2");

        Assert.Equal(2, await worker.ExitAsync());
        Assert.Contains("--scheduler", worker.Stderr);
    }

    [Fact]
    public async Task An_unreachable_scheduler_exits_1_after_the_back_off_naming_it()
    {
        var address = $"http://127.0.0.1:{FreePort()}";
        using var worker = WorkerProcess.Start("--scheduler", address, "--connect-timeout", "1s");

        Assert.Equal(1, await worker.ExitAsync());
        var last = worker.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith($"frames-worker: cannot reach the scheduler at {address}/: gave up after", last);
        // How many attempts fit in the second depends on the machine; each one but the last is logged as a retry.
        var attempts = int.Parse(System.Text.RegularExpressions.Regex.Match(last, @"gave up after (\d+) attempts").Groups[1].Value);
        Assert.Equal(attempts - 1, worker.Stderr.Split('\n').Count(l => l.Contains("register_retry")));
    }

    [Fact]
    public async Task The_worker_registers_logs_structured_lines_and_stops_cleanly_on_SIGTERM()
    {
        await using var scheduler = await FakeScheduler.StartAsync();
        using var worker = WorkerProcess.Start("--scheduler", scheduler.Address.ToString(), "--slots", "3", "--host-name", "node-7");
        var session = await scheduler.NextSessionAsync(Patience.Wait);
        Assert.Equal(Case.Hello, (await session.NextAsync(heartbeats: true)).MessageCase);

        worker.Terminate();

        Assert.Equal(0, await worker.ExitAsync());
        Assert.True(await session.WorkerClosedAsync(), $"{session.CloseError}\n{worker.Stderr}");
        var registration = Assert.Single(scheduler.Registered.All);
        Assert.Equal(("node-7", 3), (registration.HostName, registration.Slots));
        var lines = worker.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (trace|debug|info|warn|error|fatal) \w+ \w+( [a-z_]+=(""[^""]*""|\S+))*$", line));
        Assert.Contains(lines, l => Regex.IsMatch(l, @" info connection registered worker=w1 host=node-7 scheduler=http://127\.0\.0\.1:\d+/ address=http://127\.0\.0\.1:\d+/ heartbeat_ms=1000$"));
        Assert.Contains(lines, l => l.Contains(" info worker stopped reason=stopped"));
    }

    [Fact]
    public async Task Shutdown_from_the_scheduler_exits_0_with_the_reason_logged()
    {
        await using var scheduler = await FakeScheduler.StartAsync();
        using var worker = WorkerProcess.Start("--scheduler", scheduler.Address.ToString());
        var session = await scheduler.NextSessionAsync(Patience.Wait);
        await session.NextAsync(heartbeats: true);

        await session.SendAsync(new SchedulerMessage { Shutdown = new Shutdown { Reason = "maintenance" } });

        Assert.Equal(0, await worker.ExitAsync());
        Assert.Contains("shutdown_requested reason=maintenance", worker.Stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
