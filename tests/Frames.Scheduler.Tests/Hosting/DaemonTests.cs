using System.Net;
using System.Net.Sockets;
using FramesNet.Rpc.Protocol;
using FramesNet.Scheduler.Tests.TestSupport;

namespace FramesNet.Scheduler.Tests.Hosting;

/// <summary>The frames-scheduler executable: listening line, a working service, a clean SIGTERM, clear errors for bad flags.</summary>
public sealed class DaemonTests
{
    [Fact]
    public async Task It_logs_where_it_listens_serves_and_stops_cleanly_on_SIGTERM()
    {
        using var daemon = DaemonProcess.Start("--port", "0", "--heartbeat-ms", "200");
        var line = await daemon.WaitForLineAsync("listening address=");
        var address = new Uri(line[(line.IndexOf("address=", StringComparison.Ordinal) + "address=".Length)..]);

        using (var client = new SchedulerClient(address))
        {
            var registered = await SchedulerApi.Client(client.Channel).RegisterWorkerAsync(new RegisterWorkerRequest { Address = "http://127.0.0.1:1", Slots = 1 }).ResponseAsync;
            Assert.Equal(200, registered.HeartbeatIntervalMs);
        }
        daemon.Terminate();

        Assert.Equal(0, await daemon.ExitCodeAsync());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info scheduler listening address=http://127\.0\.0\.1:\d+$", line);
        Assert.Contains(daemon.Lines, l => l.EndsWith(" info scheduler worker_registered worker=w-1 host=127.0.0.1 address=http://127.0.0.1:1 slots=1", StringComparison.Ordinal));
        Assert.EndsWith("info scheduler stopped", daemon.Lines[^1]);
        Assert.Equal("", daemon.Stderr);
    }

    [Theory]
    [InlineData(2, "frames-scheduler: --port must be 0–65535 (0 takes a free port), not 70000", "--port", "70000")]
    [InlineData(2, "frames-scheduler: Unrecognized command or argument '--bogus'.", "--bogus")]
    [InlineData(2, "frames-scheduler: --missed-heartbeats must be at least 1, not 0", "--missed-heartbeats", "0")]
    [InlineData(1, "frames-scheduler: --token-file /nonexistent/token: Could not find a part of the path '/nonexistent/token'.", "--token-file", "/nonexistent/token")]
    public async Task Bad_flags_exit_non_zero_with_one_clear_line(int code, string message, params string[] args)
    {
        using var daemon = DaemonProcess.Start(args);

        Assert.Equal(code, await daemon.ExitCodeAsync());
        Assert.Equal(message, daemon.Stderr.Split('\n')[0]);
    }

    [Fact]
    public async Task A_taken_port_is_a_clear_error()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        using var daemon = DaemonProcess.Start("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, await daemon.ExitCodeAsync());
        Assert.Equal($"frames-scheduler: cannot listen on 127.0.0.1:{port}: Address already in use", daemon.Stderr.TrimEnd());
    }
}
