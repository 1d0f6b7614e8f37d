using System.Net;
using System.Net.Sockets;
using FramesNet.Cluster.Tests.TestSupport;

namespace FramesNet.Cluster.Tests;

/// <summary><c>frames status</c> against real daemons: workers and jobs, tokens, TLS, and the errors a user can meet.</summary>
public sealed class StatusCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-status-").FullName;

    [Fact]
    public async Task It_lists_the_workers_with_host_slots_memory_and_tasks_and_the_jobs()
    {
        var token = File("token", "status-s3cret");
        await using var daemons = await Daemons.StartSchedulerAsync("--token-file", token, "--no-workers-timeout", "never");
        var worker = daemons.StartWorker("--token-file", token, "--host-name", "node-7", "--slots", "3", "--memory-limit", "1G");
        await using var cluster = await Cluster.ConnectAsync(daemons.Url, new ClusterOptions { Token = "status-s3cret" });
        await daemons.WaitForStatusAsync(cluster, s => s.Workers.Count == 1, "the worker");
        var csv = File("trips.csv", "vendor,fare\na,1.5\nb,2.5\n");
        var frame = (await cluster.ReadCsvAsync(csv)).GroupBy("vendor").Agg(Frames.Count());

        var withWorker = await Executable.RunAsync("frames", "status", "--scheduler", daemons.Url, "--token-file", token);
        worker.Kill();
        await daemons.WaitForStatusAsync(cluster, s => s.Workers.Count == 0, "the worker to be gone");
        using var stuck = new CancellationTokenSource();
        var job = frame.CollectAsync(stuck.Token); // no worker left: it waits (--no-workers-timeout never)
        await daemons.WaitForStatusAsync(cluster, s => s.Jobs.Count == 1, "the job");
        var withJob = await Executable.RunAsync("frames", "status", "-s", daemons.Url, "--token-file", token);
        stuck.Cancel();
        await Assert.ThrowsAnyAsync<Exception>(() => job);

        Assert.Equal(0, withWorker.Code);
        var lines = withWorker.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"scheduler {daemons.Url}: 1 worker, 0 jobs", lines[0]);
        Assert.Equal(["worker", "host", "address", "slots", "running", "queued", "memory", "limit", "stored", "heartbeat"], Cells(lines[1]));
        var row = Cells(lines[2]);
        Assert.Equal(["w-1", "node-7"], row[..2]);
        Assert.StartsWith("http://127.0.0.1:", row[2]);
        Assert.Equal(["3", "0", "0"], row[3..6]);
        Assert.Equal("1.0 GiB", $"{row[8]} {row[9]}"); // memory and stored are "0 B" before it: cells split on spaces
        Assert.Equal(0, withJob.Code);
        var jobLines = withJob.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"scheduler {daemons.Url}: 0 workers, 1 job", jobLines[0]);
        Assert.Equal(["job", "name", "state", "done", "running", "time"], Cells(jobLines[1]));
        Assert.Equal("j-1", Cells(jobLines[2])[0]);
        Assert.Matches(@"^j-1\s+\S+\s+running\s+0/\d+\s+0\s+\d+\.\d s$", jobLines[2]);
    }

    [Fact]
    public async Task Unreachable_scheduler_missing_token_and_bad_url_are_clear_errors()
    {
        var port = FreePort();
        var token = File("token", "status-s3cret");
        await using var daemons = await Daemons.StartSchedulerAsync("--token-file", token);

        var unreachable = await Executable.RunAsync("frames", "status", "--scheduler", $"http://127.0.0.1:{port}");
        var noToken = await Executable.RunAsync("frames", "status", "--scheduler", daemons.Url);
        var badUrl = await Executable.RunAsync("frames", "status", "--scheduler", "head:8786");
        var help = await Executable.RunAsync("frames", "status", "--help");

        Assert.Equal(1, unreachable.Code);
        Assert.StartsWith($"frames: cannot reach the scheduler at http://127.0.0.1:{port}: ", unreachable.Stderr);
        Assert.Contains("Connection refused", unreachable.Stderr);
        Assert.Equal(1, noToken.Code);
        Assert.StartsWith($"frames: the scheduler at {daemons.Url} refused the connection: missing bearer token", noToken.Stderr);
        Assert.Equal((2, "frames: --scheduler must be a URL like http://head:8786, not 'head:8786'"), (badUrl.Code, badUrl.Stderr.Trim()));
        Assert.Equal(0, help.Code);
        Assert.Contains("--token-file", help.Stdout);
        Assert.Contains("--tls-ca", help.Stdout);
    }

    [Fact]
    public async Task It_reads_an_https_scheduler_trusting_the_given_CA()
    {
        var site = TestCertificates.Create(Path.Combine(_folder, "site"));
        await using var daemons = await Daemons.StartSchedulerAsync("--tls-cert", site.CertificateFile, "--tls-key", site.KeyFile);

        var trusting = await Executable.RunAsync("frames", "status", "--scheduler", daemons.Url, "--tls-ca", site.CaFile);
        var untrusting = await Executable.RunAsync("frames", "status", "--scheduler", daemons.Url);

        Assert.Equal((0, $"scheduler {daemons.Url}: 0 workers, 0 jobs"), (trusting.Code, trusting.Stdout.Trim()));
        Assert.Equal(1, untrusting.Code);
        Assert.Contains("TLS handshake", untrusting.Stderr);
    }

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private string File(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
