using System.Text.Json;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Scheduler.Hosting;
using FramesNet.Scheduler.Tests.TestSupport;

namespace FramesNet.Scheduler.Tests.InteropTests;

/// <summary>A real peer, @grpc/grpc-js (interop/client.js), calling the scheduler: unary, a job's stream, errors, a deadline, the token.</summary>
public sealed class GrpcJsClientTests : IAsyncLifetime
{
    private SchedulerHost _host = null!;
    private SchedulerClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await SchedulerHost.StartAsync(new SchedulerOptions { Port = 0 });
        _client = new SchedulerClient(_host.Address);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Unary_status_lists_the_connected_workers()
    {
        await using var worker = await ConnectWorkerAsync();

        var result = await NodeClient.RunAsync(_host.Address, "status");

        AssertOk(result);
        Assert.Equal([worker.Id], result.GetProperty("workers").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_job_streams_its_events_to_the_end_with_the_results_location()
    {
        await using var worker = await ConnectWorkerAsync();

        var result = await NodeClient.RunAsync(_host.Address, "submit");

        AssertOk(result);
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        Assert.Equal(["a TASK_EVENT_KIND_STARTED", "a TASK_EVENT_KIND_FINISHED", "b TASK_EVENT_KIND_STARTED", "b TASK_EVENT_KIND_FINISHED"],
            result.GetProperty("kinds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2/2", result.GetProperty("progress").EnumerateArray().Last().GetString());
        var location = Assert.Single(result.GetProperty("finished").EnumerateArray());
        Assert.Equal("b", location.GetProperty("task").GetString());
        Assert.Equal([worker.Id], location.GetProperty("workerIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([worker.Address], location.GetProperty("addresses").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Cancelling_an_unknown_job_is_not_found()
    {
        var result = await NodeClient.RunAsync(_host.Address, "cancel-unknown");

        Assert.Equal((int)StatusCode.NotFound, result.GetProperty("code").GetInt32());
        Assert.Equal("no job j-999 was ever submitted", result.GetProperty("details").GetString());
    }

    [Fact]
    public async Task A_malformed_graph_is_invalid_argument_with_a_clear_message()
    {
        var result = await NodeClient.RunAsync(_host.Address, "invalid-graph");

        Assert.Equal((int)StatusCode.InvalidArgument, result.GetProperty("code").GetInt32());
        Assert.Equal("invalid graph: duplicate task key 'a' (tasks #0 and #1)", result.GetProperty("details").GetString());
        Assert.Equal(0, result.GetProperty("events").GetInt32());
    }

    [Fact]
    public async Task A_deadline_ends_the_stream_and_cancels_the_job()
    {
        await using var worker = await ConnectWorkerAsync(autoFinish: false);

        var result = await NodeClient.RunAsync(_host.Address, "deadline");

        Assert.Equal((int)StatusCode.DeadlineExceeded, result.GetProperty("code").GetInt32());
        Assert.InRange(result.GetProperty("elapsedMs").GetInt32(), 1900, 15_000);
        var events = result.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal("accepted", events[0]);
        Assert.All(events.Skip(1), e => Assert.Equal("progress", e));
        await worker.WaitForAsync(w => w.Tasks.Count == 1, "the job's task");
        await _client.WaitForStatusAsync(s => s.Jobs.Count == 0, "the job cancelled");
        await worker.FinishAsync("slow");
        await worker.WaitForAsync(w => w.Released.Contains("slow"), "the cancelled job's output dropped");
    }

    [Fact]
    public async Task The_token_is_checked()
    {
        await using var secured = await SchedulerHost.StartAsync(new SchedulerOptions { Port = 0, Token = "js-token" });

        var without = await NodeClient.RunAsync(secured.Address, "status");
        var with = await NodeClient.RunAsync(secured.Address, "status", "js-token");

        Assert.Equal((int)StatusCode.Unauthenticated, without.GetProperty("code").GetInt32());
        AssertOk(with);
    }

    private async Task<FakeWorker> ConnectWorkerAsync(bool autoFinish = true)
    {
        var worker = await FakeWorker.StartAsync(_host.Address, "csharp-worker", autoFinish: autoFinish);
        await _client.WaitForStatusAsync(s => s.Workers.Count == 1, "worker connected");
        return worker;
    }

    private static void AssertOk(JsonElement result) => Assert.True(result.GetProperty("code").GetInt32() == 0, $"grpc-js got {result}");
}
