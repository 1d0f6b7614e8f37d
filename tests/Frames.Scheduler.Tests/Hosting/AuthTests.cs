using FramesNet.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using FramesNet.Scheduler.Hosting;
using FramesNet.Scheduler.Tests.TestSupport;
using FramesNet.Worker.Tests.TestSupport;

namespace FramesNet.Scheduler.Tests.Hosting;

/// <summary>With a token, every Scheduler method refuses callers without it; the scheduler shows it to workers.</summary>
public sealed class AuthTests : IAsyncLifetime
{
    private const string Token = "s3cret-token";
    private SchedulerHost _host = null!;

    public static TheoryData<string> Methods() => new() { "SubmitGraph", "Cancel", "GetStatus", "ListFiles", "DescribeFiles", "ReleaseResults", "RegisterWorker", "Connect" };

    public async Task InitializeAsync() => _host = await SchedulerHost.StartAsync(new SchedulerOptions { Port = 0, Token = Token });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_call_without_the_token_or_with_a_wrong_one_is_unauthenticated(string method)
    {
        using var without = RpcChannel.Create(_host.Address);
        using var wrong = RpcChannel.Create(_host.Address, new RpcChannelOptions { BearerToken = "guess" });
        using var right = RpcChannel.Create(_host.Address, new RpcChannelOptions { BearerToken = Token });

        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(without, method));
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(wrong, method));
        Assert.NotEqual(StatusCode.Unauthenticated, await CallAsync(right, method));
    }

    [Fact]
    public async Task The_scheduler_calls_workers_with_the_token()
    {
        var services = new WorkerStub
        {
            List = (_, _) => Task.FromResult(new ListFilesReply { Files = { new FileEntry { Path = "/d/a.csv", Size = 1 } } }),
        }.Services();
        await using var worker = await FakeWorker.StartAsync(_host.Address, "a", token: Token, services: services);
        using var client = new SchedulerClient(_host.Address, Token);
        await client.WaitForStatusAsync(s => s.Workers.Count == 1, "connected");

        var reply = await SchedulerApi.Client(client.Channel).ListFilesAsync(new ListFilesRequest { Pattern = "/d/*" }).ResponseAsync;

        Assert.Equal([worker.Id], Assert.Single(reply.Files).WorkerIds);
    }

    /// <summary>Makes one call of <paramref name="method"/> and returns how it ended.</summary>
    private static async Task<StatusCode> CallAsync(GrpcChannel channel, string method)
    {
        var options = CallOptions.FromTimeout(Patience.Wait);
        try
        {
            switch (method)
            {
                case "SubmitGraph":
                    using (var call = SchedulerApi.Client(channel).SubmitGraph(new SubmitGraphRequest(), options))
                    {
                        while (await call.ResponseStream.MoveNext())
                        {
                        }
                    }
                    break;
                case "Cancel":
                    await SchedulerApi.Client(channel).CancelAsync(new CancelRequest { Job = "j-1" }, options).ResponseAsync;
                    break;
                case "GetStatus":
                    await SchedulerApi.Client(channel).GetStatusAsync(new StatusRequest(), options).ResponseAsync;
                    break;
                case "ListFiles":
                    await SchedulerApi.Client(channel).ListFilesAsync(new ListFilesRequest { Pattern = "/d/*" }, options).ResponseAsync;
                    break;
                case "DescribeFiles":
                    await SchedulerApi.Client(channel).DescribeFilesAsync(new DescribeFilesRequest { Format = "csv", Paths = { "/d/a.csv" } }, options).ResponseAsync;
                    break;
                case "ReleaseResults":
                    await SchedulerApi.Client(channel).ReleaseResultsAsync(new ReleaseResultsRequest { Job = "j-1" }, options).ResponseAsync;
                    break;
                case "RegisterWorker":
                    await SchedulerApi.Client(channel).RegisterWorkerAsync(new RegisterWorkerRequest { Address = "http://127.0.0.1:1", Slots = 1 }, options).ResponseAsync;
                    break;
                case "Connect":
                    using (var call = SchedulerApi.Client(channel).Connect(options))
                    {
                        await call.WriteOrStatusAsync(new WorkerMessage { Hello = new WorkerHello { WorkerId = "w-99" } });
                        while (await call.ResponseStream.MoveNext())
                        {
                        }
                    }
                    break;
                default:
                    throw new ArgumentException($"no such method {method}", nameof(method));
            }
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
