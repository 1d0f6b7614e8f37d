using FramesNet.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;

namespace FramesNet.Scheduler.Tests.TestSupport;

/// <summary>A test client of a running scheduler: submit a graph and collect its events, plus the unary calls.</summary>
internal sealed class SchedulerClient(Uri address, string? token = null) : IDisposable
{
    public GrpcChannel Channel { get; } = RpcChannel.Create(address, new RpcChannelOptions { BearerToken = token });

    /// <summary>Submits and reads the stream to its end (JobFinished or JobFailed), within 20 s.</summary>
    public async Task<List<JobEvent>> RunAsync(SubmitGraphRequest request)
    {
        using var call = SchedulerApi.Client(Channel).SubmitGraph(request, CallOptions.FromTimeout(Patience.Wait));
        var events = new List<JobEvent>();
        await foreach (var e in call.ResponseStream.ReadAllAsync())
            events.Add(e);
        return events;
    }

    public Task<StatusReply> StatusAsync() => SchedulerApi.Client(Channel).GetStatusAsync(new StatusRequest(), CallOptions.FromTimeout(Patience.Wait)).ResponseAsync;

    /// <summary>Polls GetStatus until <paramref name="condition"/> holds (for effects of events the loop handles later).</summary>
    public async Task<StatusReply> WaitForStatusAsync(Func<StatusReply, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience.Wait;
        while (true)
        {
            var status = await StatusAsync();
            if (condition(status))
                return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen; status: {status}");
            await Task.Delay(10);
        }
    }

    public void Dispose() => Channel.Dispose();

    /// <summary>A graph request: "a", "b:a" (b reads a), "s@/path" (a scan of /path); outputs by key.</summary>
    public static SubmitGraphRequest Graph(string[] tasks, params string[] outputs)
    {
        var request = new SubmitGraphRequest { Name = "test" };
        var index = 0;
        foreach (var spec in tasks)
        {
            var task = new GraphTask { Buckets = 1, Partition = index++ };
            var at = spec.IndexOf('@', StringComparison.Ordinal);
            var colon = spec.IndexOf(':', StringComparison.Ordinal);
            if (at > 0)
            {
                task.Key = spec[..at];
                task.FilePath = spec[(at + 1)..];
            }
            else if (colon > 0)
            {
                task.Key = spec[..colon];
                foreach (var input in spec[(colon + 1)..].Split(','))
                    task.Inputs.Add(new PartitionRef { Task = input });
            }
            else
            {
                task.Key = spec;
            }
            request.Tasks.Add(task);
        }
        foreach (var output in outputs)
            request.Outputs.Add(new PartitionRef { Task = output });
        return request;
    }
}
