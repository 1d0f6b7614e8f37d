using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using FramesNet.Rpc.Client;

using Grpc.Net.Client;

namespace FramesNet.Worker.Execution;

/// <summary>One gRPC channel per peer address, created on first use and kept (HTTP/2 connections are reused).</summary>
internal sealed class PeerChannels(string? token, X509Certificate2Collection? trustedRoots = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<GrpcChannel>> _channels = new(StringComparer.Ordinal);

    public GrpcChannel Get(string address) =>
        _channels.GetOrAdd(address, a => new Lazy<GrpcChannel>(() => RpcChannel.Create(a, new RpcChannelOptions
        {
            BearerToken = token,
            TrustedRoots = trustedRoots,
            // A peer that is gone refuses at once; one that is unreachable should not hold a task for long.
            ConnectTimeout = TimeSpan.FromSeconds(3),
        }))).Value;

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            if (channel.IsValueCreated)
                channel.Value.Dispose();
        }
        _channels.Clear();
    }
}
