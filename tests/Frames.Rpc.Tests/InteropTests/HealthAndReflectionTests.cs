using System.Text.Json;
using Grpc.Health.V1;
using FramesNet.Rpc.Tests.TestSupport;

namespace FramesNet.Rpc.Tests.InteropTests;

/// <summary>
/// The standard grpc.health.v1 and server reflection services every Frames server carries, as a probe sees them:
/// python-grpcio (interop/python/probe.py) asking what grpc_health_probe, Kubernetes gRPC probes and grpcurl ask.
/// </summary>
public sealed class HealthAndReflectionTests : IAsyncLifetime
{
    private const string Token = "probe-token";

    private EchoServer _server = null!;

    private string Address => $"127.0.0.1:{_server.Server.Port}";

    public async Task InitializeAsync() => _server = await EchoServer.StartAsync(o => o.BearerToken = Token);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Health_says_serving_for_the_server_and_each_service_without_a_token()
    {
        var server = await ProbeAsync("health");
        var echo = await ProbeAsync("health", EchoApi.ServiceName);
        var unknown = await ProbeAsync("health", "frames.v1.Nothing");

        Assert.Equal((0, "SERVING"), (server.GetProperty("code").GetInt32(), server.GetProperty("status").GetString()));
        Assert.Equal((0, "SERVING"), (echo.GetProperty("code").GetInt32(), echo.GetProperty("status").GetString()));
        Assert.Equal((int)StatusCode.NotFound, unknown.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_watcher_sees_serving_then_not_serving_when_the_server_stops()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.Channel();
        using var watch = new Health.HealthClient(channel).Watch(new HealthCheckRequest { Service = EchoApi.ServiceName });
        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, watch.ResponseStream.Current.Status);

        var stopping = server.Server.StopAsync();

        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, watch.ResponseStream.Current.Status);
        watch.Dispose();
        await stopping;
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task Reflection_lists_the_services_with_the_token(string version)
    {
        var listed = await ProbeAsync("list", version, "--token", Token);
        var refused = await ProbeAsync("list", version);

        Assert.Equal(0, listed.GetProperty("code").GetInt32());
        Assert.Equal(
            [EchoApi.ServiceName, "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            listed.GetProperty("services").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((int)StatusCode.Unauthenticated, refused.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Reflection_describes_a_service_with_its_methods()
    {
        var described = await ProbeAsync("describe", EchoApi.ServiceName, "--token", Token);

        Assert.Equal(0, described.GetProperty("code").GetInt32());
        var methods = described.GetProperty("services").GetProperty(EchoApi.ServiceName).EnumerateArray().Select(e => e.GetString());
        Assert.Equal(["Unary", "ServerStream", "ClientStream", "Bidi"], methods);
    }

    private async Task<JsonElement> ProbeAsync(params string[] args) =>
        JsonDocument.Parse(await PeerProcess.RunClientAsync("python/probe.py", [Address, .. args])).RootElement;
}
