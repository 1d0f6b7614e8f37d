using FramesNet.Rpc.Client;

namespace FramesNet.Rpc.Tests.TestSupport;

/// <summary>
/// One default Frames Echo server and a channel to it, shared by a test class. The channel is connected
/// before the first test, so a test's deadline runs from its call's start, not from the connection's.
/// </summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    private EchoServer? _server;
    private GrpcChannel? _channel;

    internal EchoServer Server => _server ?? throw new InvalidOperationException("not started");

    internal EchoService Service => Server.Service;

    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _server = await EchoServer.StartAsync();
        _channel = _server.Channel();
        await EchoApi.Client(_channel).UnaryAsync(new Protos.EchoRequest { Tag = "warm-up" }).ResponseAsync;
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
