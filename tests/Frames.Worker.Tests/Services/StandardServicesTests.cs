using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Tests.TestSupport;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1;

namespace FramesNet.Worker.Tests.Services;

/// <summary>The worker answers the standard health service (open to probes) and server reflection (behind its token).</summary>
public class StandardServicesTests
{
    [Fact]
    public async Task A_probe_without_the_token_sees_the_worker_serving_and_reflection_needs_it()
    {
        await using var worker = await TestWorker.StartAsync(o => o with { Token = "w-token" });
        using var anonymous = RpcChannel.Create(worker.Host.Address);

        var health = await new Health.HealthClient(anonymous).CheckAsync(new HealthCheckRequest { Service = WorkerApi.ServiceName });
        using var call = new ServerReflection.ServerReflectionClient(worker.Channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "*" });
        Assert.True(await call.ResponseStream.MoveNext());
        await call.RequestStream.CompleteAsync();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Contains(WorkerApi.ServiceName, call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));
    }
}
