using FramesNet.Rpc.Client;

namespace FramesNet.Rpc.Tests.TestSupport;

/// <summary>One default Frames Echo server and a channel to it, shared by a test class.</summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    private EchoServer? _server;
    private RpcChannel? _channel;

    internal EchoServer Server => _server ?? throw new InvalidOperationException("not started");

    internal EchoService Service => Server.Service;

    public RpcChannel Channel => _channel ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _server = await EchoServer.StartAsync();
        _channel = _server.Channel();
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
