using FramesNet.Rpc.Client;
using FramesNet.Rpc.Server;

namespace FramesNet.Rpc.Tests.TestSupport;

/// <summary>A Frames Echo server on a free loopback port, with its logs and a channel to it.</summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private EchoServer(RpcServer server, EchoService service, TestLogs logs)
    {
        Server = server;
        Service = service;
        Logs = logs;
    }

    public RpcServer Server { get; }

    public EchoService Service { get; }

    public TestLogs Logs { get; }

    public static async Task<EchoServer> StartAsync(Action<RpcServerOptions>? configure = null)
    {
        var logs = new TestLogs();
        var options = new RpcServerOptions { LoggerFactory = logs.Factory() };
        configure?.Invoke(options);
        var service = new EchoService();
        var server = await RpcServer.StartAsync(service.Services(), options);
        return new EchoServer(server, service, logs);
    }

    public RpcChannel Channel(Action<RpcChannelOptions>? configure = null)
    {
        var options = new RpcChannelOptions();
        configure?.Invoke(options);
        return RpcChannel.Create(Server.Address, options);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
