using FramesNet.Tests.TestSupport;
using static FramesNet.Frames;

namespace FramesNet.Cluster.Tests;

/// <summary>
/// A failure in a worker's handler reaches the client with the worker's own message, and the scheduler's
/// status and log say the job failed, as the client saw it (issue 11, item 3).
/// </summary>
public class ErrorReportTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("none")]
    public async Task A_worker_that_cannot_send_a_result_fails_the_job_with_its_own_message_for_client_and_scheduler(string? shareDirectory)
    {
        // Every worker fails to send (share or stream) any partition of the result stage, as if it could not be encoded.
        var log = new StringWriter();
        await using var local = await LocalCluster.StartAsync(2, new LocalClusterOptions
        {
            StartTimeout = Patience.Wait,
            ShareDirectory = shareDirectory,
            SchedulerLog = TextWriter.Synchronized(log),
            WorkerEnvironment = new Dictionary<string, string> { ["FRAMES_FAULT_FAIL_SEND"] = "result-" },
        });
        await using var cluster = await local.ConnectAsync();
        var frame = FromColumns(cluster.Context, 2, ("k", Enumerable.Range(0, 100).Select(i => (long)(i % 7)).ToArray()))
            .GroupBy("k").Agg(Count());

        var error = await Assert.ThrowsAsync<ClusterJobException>(() => frame.CollectAsync().WaitAsync(TimeSpan.FromMinutes(3)));

        Assert.Contains("fault injection: FRAMES_FAULT_FAIL_SEND=result- matched partition result-", error.Message);
        Assert.Contains("could not send partition result-", error.Message);
        Assert.Matches(@"worker w-\d+ \(host [^)]+\)", error.Message);
        Assert.StartsWith("result-", error.Task);
        Assert.DoesNotContain("Exception was thrown by handler", error.Message);

        var status = await cluster.StatusAsync();
        Assert.DoesNotContain(status.Jobs, j => j.Job == error.Job);
        var ended = Assert.Single(status.Ended, j => j.Job == error.Job);
        Assert.Equal("failed", ended.State);
        Assert.Contains("fault injection", ended.Message);
        var lines = log.ToString().Split('\n').Where(l => l.Contains($"job={error.Job} ") || l.EndsWith($"job={error.Job}", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Contains(" job_failed ") && l.Contains("fault injection"));
        Assert.DoesNotContain(lines, l => l.Contains(" job_finished"));
    }

    [Fact]
    public async Task A_job_whose_results_were_gathered_is_logged_finished_and_shown_finished()
    {
        var log = new StringWriter();
        await using var local = await LocalCluster.StartAsync(1, new LocalClusterOptions { StartTimeout = Patience.Wait, SchedulerLog = TextWriter.Synchronized(log) });
        await using var cluster = await local.ConnectAsync();

        var table = await FromColumns(cluster.Context, 2, ("k", new long[] { 1, 2, 3 })).Filter(Col("k") > 1).CollectAsync().WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(2, table.RowCount);
        var status = await cluster.StatusAsync();
        var ended = Assert.Single(status.Ended);
        Assert.Equal("finished", ended.State);
        Assert.Contains(log.ToString().Split('\n'), l => l.Contains(" job_finished ") && l.Contains($"job={ended.Job}"));
    }
}
