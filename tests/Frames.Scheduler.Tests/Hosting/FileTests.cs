using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using FramesNet.Scheduler.Hosting;
using FramesNet.Scheduler.Tests.TestSupport;
using FramesNet.Worker.Tests.TestSupport;
using static FramesNet.Scheduler.Tests.TestSupport.SchedulerClient;

namespace FramesNet.Scheduler.Tests.Hosting;

/// <summary>ListFiles and DescribeFiles: answered by the workers, merged and remembered by the scheduler.</summary>
public sealed class FileTests : IAsyncLifetime
{
    private SchedulerHost _host = null!;
    private SchedulerClient _client = null!;
    private readonly List<FakeWorker> _workers = [];

    public async Task InitializeAsync()
    {
        _host = await SchedulerHost.StartAsync(new SchedulerOptions { Port = 0, WorkerCallTimeout = Patience.Wait });
        _client = new SchedulerClient(_host.Address);
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers)
            await worker.DisposeAsync();
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Listings_are_merged_by_path_and_scans_of_files_only_some_see_run_there()
    {
        var a = await AddWorkerAsync("host-a", new WorkerStub { List = Files(("/d/a.csv", 10), ("/d/b.csv", 20)) });
        var b = await AddWorkerAsync("host-b", new WorkerStub { List = Files(("/d/a.csv", 10)) });

        var reply = await ListAsync("/d/*.csv");

        Assert.Equal(["/d/a.csv", "/d/b.csv"], reply.Files.Select(f => f.Path));
        Assert.Equal([a.Id, b.Id], reply.Files[0].WorkerIds);
        Assert.Equal(["host-a", "host-b"], reply.Files[0].Hosts);
        Assert.Equal([a.Id], reply.Files[1].WorkerIds);
        Assert.Equal(20, reply.Files[1].Size);

        var events = await _client.RunAsync(Graph(["s1@/d/b.csv", "s2@/d/b.csv", "s3@/d/b.csv", "s4@/d/b.csv"], "s1", "s2", "s3", "s4"));

        Assert.All(events[^1].Finished.Results, r => Assert.Equal([a.Id], r.WorkerIds));
        Assert.Empty(b.Tasks);
    }

    [Fact]
    public async Task A_worker_that_fails_to_answer_is_left_out()
    {
        var a = await AddWorkerAsync("host-a", new WorkerStub { List = Files(("/d/a.csv", 10)) });
        await AddWorkerAsync("host-b", new WorkerStub { List = (_, _) => throw new RpcException(new Status(StatusCode.Internal, "disk on fire")) });

        var reply = await ListAsync("/d/*.csv");

        Assert.Equal([a.Id], Assert.Single(reply.Files).WorkerIds);
    }

    [Fact]
    public async Task Listing_without_workers_is_unavailable_and_an_empty_pattern_invalid()
    {
        var none = await Assert.ThrowsAsync<RpcException>(() => ListAsync("/d/*.csv"));
        var empty = await Assert.ThrowsAsync<RpcException>(() => ListAsync(" "));

        Assert.Equal((StatusCode.Unavailable, "no worker is connected to the scheduler"), (none.StatusCode, none.Detail));
        Assert.Equal((StatusCode.InvalidArgument, "the file pattern is empty"), (empty.StatusCode, empty.Detail));
    }

    [Fact]
    public async Task Schema_inference_goes_to_a_worker_that_sees_the_first_file()
    {
        await AddWorkerAsync("host-a", new WorkerStub { List = Files(("/d/a.csv", 10)), Describe = Schema("from-a") });
        await AddWorkerAsync("host-b", new WorkerStub { List = Files(("/d/a.csv", 10), ("/d/b.csv", 20)), Describe = Schema("from-b") });
        await ListAsync("/d/*.csv");

        var reply = await SchedulerApi.Client(_client.Channel).DescribeFilesAsync(new DescribeFilesRequest { Format = "csv", Paths = { "/d/b.csv", "/d/a.csv" } }).ResponseAsync;

        Assert.Equal("from-b", reply.Schema.Fields[0].Name);
    }

    [Fact]
    public async Task A_workers_error_in_schema_inference_reaches_the_client_naming_the_worker()
    {
        var a = await AddWorkerAsync("host-a", new WorkerStub
        {
            Describe = (_, _) => throw new RpcException(new Status(StatusCode.InvalidArgument, "/d/x.csv line 1: empty header")),
        });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            SchedulerApi.Client(_client.Channel).DescribeFilesAsync(new DescribeFilesRequest { Format = "csv", Paths = { "/d/x.csv" } }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, $"{a.Id} (host host-a): /d/x.csv line 1: empty header"), (error.StatusCode, error.Detail));
    }

    private Task<ListFilesReply> ListAsync(string pattern) =>
        SchedulerApi.Client(_client.Channel).ListFilesAsync(new ListFilesRequest { Pattern = pattern }, CallOptions.FromTimeout(Patience.Wait)).ResponseAsync;

    private static Func<ListFilesRequest, ServerCallContext, Task<ListFilesReply>> Files(params (string Path, long Size)[] files) =>
        (_, _) =>
        {
            var reply = new ListFilesReply();
            foreach (var (path, size) in files)
                reply.Files.Add(new FileEntry { Path = path, Size = size, ModifiedTicks = 42 });
            return Task.FromResult(reply);
        };

    private static Func<DescribeFilesRequest, ServerCallContext, Task<DescribeFilesReply>> Schema(string field) =>
        (_, _) => Task.FromResult(new DescribeFilesReply { Schema = new Schema { Fields = { new Field { Name = field, Type = "int64" } } } });

    private async Task<FakeWorker> AddWorkerAsync(string host, WorkerStub worker) => await AddWorkerAsync(host, worker.Services());

    private async Task<FakeWorker> AddWorkerAsync(string host, RpcServices services)
    {
        var worker = await FakeWorker.StartAsync(_host.Address, host, slots: 1, services: services);
        _workers.Add(worker);
        await _client.WaitForStatusAsync(s => s.Workers.Count == _workers.Count, $"{worker.Id} connected");
        return worker;
    }
}
