using FramesNet.Rpc.Tests.TestSupport;

namespace FramesNet.Rpc.Tests.InteropTests;

/// <summary>One grpc-js Echo server (interop/server.js) on a free loopback port, shared by a test class.</summary>
public sealed class GrpcJsServerFixture : IAsyncLifetime
{
    private PeerProcess? _peer;

    internal PeerProcess Peer => _peer ?? throw new InvalidOperationException("not started");

    public Uri Address => new($"http://127.0.0.1:{Peer.Port}");

    public async Task InitializeAsync() => _peer = await PeerProcess.StartServerAsync("server.js");

    public async Task DisposeAsync()
    {
        if (_peer is not null)
            await _peer.DisposeAsync();
    }
}
