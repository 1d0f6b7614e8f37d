using FramesNet.Cluster.Tests.TestSupport;
using FramesNet.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;

namespace FramesNet.Cluster.Tests;

/// <summary>
/// Separate tokens per role (frames-scheduler --worker-token-file / --client-token-file): a client cannot
/// join as a worker, a worker cannot submit jobs, and clients still gather results from workers. Every
/// method of both services, against real daemons.
/// </summary>
public sealed class RoleTokenTests : IDisposable
{
    private const string WorkerToken = "worker-s3cret";
    private const string ClientToken = "client-s3cret";
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-roles-").FullName;

    private enum Outcome
    {
        /// <summary>The token was accepted (the call answered OK, or failed for another reason than its token).</summary>
        Admitted,
        Unauthenticated,
        PermissionDenied,
    }

    [Fact]
    public async Task Each_method_admits_the_roles_it_should_and_a_query_runs_with_split_tokens()
    {
        await using var daemons = await Daemons.StartSchedulerAsync("--worker-token-file", File("worker.token", WorkerToken), "--client-token-file", File("client.token", ClientToken));
        daemons.StartWorker("--token-file", File("worker-copy.token", WorkerToken + "\n"));
        await using var cluster = await Cluster.ConnectAsync(daemons.Url, new ClusterOptions { Token = ClientToken });
        var worker = (await daemons.WaitForStatusAsync(cluster, s => s.Workers.Count == 1, "the worker")).Workers[0].Address;

        var outcomes = new List<string>();
        foreach (var (name, token) in new[] { ("client", ClientToken), ("worker", WorkerToken), ("wrong", "nobody"), ("none", null) })
        {
            using var scheduler = RpcChannel.Create(daemons.Url, new RpcChannelOptions { BearerToken = token });
            using var peer = RpcChannel.Create(worker, new RpcChannelOptions { BearerToken = token });
            foreach (var (method, call) in Calls(scheduler, peer))
                outcomes.Add($"{name} {method}: {await OutcomeOf(call)}");
        }

        var expected = new List<string>();
        foreach (var (name, token) in new[] { ("client", ClientToken), ("worker", WorkerToken), ("wrong", "nobody"), ("none", null) })
        {
            foreach (var method in MethodNames)
            {
                var workerOnly = method is "Scheduler.RegisterWorker" or "Scheduler.Connect" or "Worker.ListFiles" or "Worker.DescribeFiles";
                var clientOnly = method.StartsWith("Scheduler.", StringComparison.Ordinal) && !workerOnly;
                var outcome = name switch
                {
                    "client" => workerOnly ? Outcome.PermissionDenied : Outcome.Admitted,
                    "worker" => clientOnly ? Outcome.PermissionDenied : Outcome.Admitted,
                    _ => Outcome.Unauthenticated,
                };
                expected.Add($"{name} {method}: {outcome}");
            }
        }
        Assert.Equal(expected, outcomes);

        var path = Path.Combine(_folder, "trips.csv");
        System.IO.File.WriteAllText(path, "vendor,fare\na,1.5\nb,2.5\na,3.0\n");
        var table = await (await cluster.ReadCsvAsync(path)).GroupBy("vendor").Agg(Frames.Count().Alias("n")).CollectAsync();
        Assert.Equal(["a=2", "b=1"], table.Select(row => $"{row["vendor"]}={row["n"]}").Order());
    }

    [Fact]
    public async Task A_worker_with_the_client_token_is_refused_and_a_client_with_the_worker_token_too()
    {
        await using var daemons = await Daemons.StartSchedulerAsync("--worker-token-file", File("worker.token", WorkerToken), "--client-token-file", File("client.token", ClientToken));

        var intruder = daemons.StartWorker("--token-file", File("client-copy.token", ClientToken));
        var refused = await Assert.ThrowsAsync<IOException>(() => Cluster.ConnectAsync(daemons.Url, new ClusterOptions { Token = WorkerToken }));

        Assert.Equal(1, await intruder.ExitCodeAsync());
        Assert.Contains("refused this worker: PermissionDenied: /frames.v1.Scheduler/RegisterWorker needs the worker token; this is the client token", intruder.Stderr);
        Assert.Contains("/frames.v1.Scheduler/GetStatus needs the client token; this is the worker token (clients need the client token)", refused.Message);
    }

    [Fact]
    public async Task Half_a_split_is_refused_before_anything_starts()
    {
        var result = await Executable.RunAsync("frames-scheduler", "--port", "0", "--client-token-file", File("client.token", ClientToken));

        Assert.Equal(2, result.Code);
        Assert.StartsWith("frames-scheduler: --client-token-file needs --worker-token-file (or --token-file): else anyone could join as a worker", result.Stderr);
    }

    private static readonly string[] MethodNames = [.. Calls(null!, null!).Select(c => c.Method)];

    private static IEnumerable<(string Method, Func<Task> Call)> Calls(GrpcChannel scheduler, GrpcChannel peer) =>
    [
        ("Scheduler.GetStatus", () => SchedulerApi.Client(scheduler).GetStatusAsync(new StatusRequest()).ResponseAsync),
        ("Scheduler.ListFiles", () => SchedulerApi.Client(scheduler).ListFilesAsync(new ListFilesRequest { Pattern = "/nonexistent/*.csv" }).ResponseAsync),
        ("Scheduler.DescribeFiles", () => SchedulerApi.Client(scheduler).DescribeFilesAsync(new DescribeFilesRequest { Format = "csv" }).ResponseAsync),
        ("Scheduler.Cancel", () => SchedulerApi.Client(scheduler).CancelAsync(new CancelRequest { Job = "j-99" }).ResponseAsync),
        ("Scheduler.ReleaseResults", () => SchedulerApi.Client(scheduler).ReleaseResultsAsync(new ReleaseResultsRequest { Job = "j-99" }).ResponseAsync),
        ("Scheduler.SubmitGraph", async () =>
        {
            using var call = SchedulerApi.Client(scheduler).SubmitGraph(new SubmitGraphRequest { Outputs = { new Rpc.Protocol.PartitionRef { Task = "none" } } });
            await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
        }),
        // Slots 0 is refused by the handler: a call that gets that far was admitted, and registers nobody.
        ("Scheduler.RegisterWorker", () => SchedulerApi.Client(scheduler).RegisterWorkerAsync(new RegisterWorkerRequest { Address = "http://127.0.0.1:1", Slots = 0 }).ResponseAsync),
        ("Scheduler.Connect", async () =>
        {
            using var call = SchedulerApi.Client(scheduler).Connect();
            await call.WriteOrStatusAsync(new WorkerMessage { Hello = new WorkerHello { WorkerId = "w-99" } });
            await call.RequestStream.CompleteAsync();
            await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
        }),
        ("Worker.Health", () => WorkerApi.Client(peer).HealthAsync(new HealthRequest()).ResponseAsync),
        ("Worker.FetchPartition", async () =>
        {
            using var call = WorkerApi.Client(peer).FetchPartition(new FetchPartitionRequest { Partition = new Rpc.Protocol.PartitionRef { Task = "none" } });
            await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
        }),
        ("Worker.SharePartition", async () =>
        {
            using var call = WorkerApi.Client(peer).SharePartition(new SharePartitionRequest { Partition = new Rpc.Protocol.PartitionRef { Task = "none" }, Machine = "elsewhere" });
            await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
        }),
        ("Worker.PutPartition", async () =>
        {
            using var call = WorkerApi.Client(peer).PutPartition();
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        }),
        ("Worker.ListFiles", () => WorkerApi.Client(peer).ListFilesAsync(new ListFilesRequest { Pattern = "/nonexistent/*.csv" }).ResponseAsync),
        ("Worker.DescribeFiles", () => WorkerApi.Client(peer).DescribeFilesAsync(new DescribeFilesRequest { Format = "csv" }).ResponseAsync),
    ];

    private static async Task<Outcome> OutcomeOf(Func<Task> call)
    {
        try
        {
            await call();
            return Outcome.Admitted;
        }
        catch (RpcException e)
        {
            return e.StatusCode switch
            {
                StatusCode.Unauthenticated => Outcome.Unauthenticated,
                StatusCode.PermissionDenied => Outcome.PermissionDenied,
                _ => Outcome.Admitted,
            };
        }
    }

    private string File(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
