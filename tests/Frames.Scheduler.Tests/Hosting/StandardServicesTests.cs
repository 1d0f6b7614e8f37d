using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using FramesNet.Scheduler.Hosting;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1;

namespace FramesNet.Scheduler.Tests.Hosting;

/// <summary>The scheduler answers the standard health service (open to probes) and server reflection (behind its token).</summary>
public sealed class StandardServicesTests : IAsyncLifetime
{
    private const string Token = "s3cret-token";
    private SchedulerHost _host = null!;

    public async Task InitializeAsync() => _host = await SchedulerHost.StartAsync(new SchedulerOptions { Port = 0, Token = Token });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_probe_without_the_token_sees_the_scheduler_serving()
    {
        using var channel = RpcChannel.Create(_host.Address);
        var health = new Health.HealthClient(channel);

        var server = await health.CheckAsync(new HealthCheckRequest());
        var scheduler = await health.CheckAsync(new HealthCheckRequest { Service = SchedulerApi.ServiceName });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, server.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, scheduler.Status);
    }

    [Fact]
    public async Task Reflection_lists_the_scheduler_service_to_a_caller_with_the_token()
    {
        using var channel = RpcChannel.Create(_host.Address, new RpcChannelOptions { BearerToken = Token });
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "*" });
        Assert.True(await call.ResponseStream.MoveNext());
        await call.RequestStream.CompleteAsync();

        Assert.Contains(SchedulerApi.ServiceName, call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));
    }
}
