using System.Collections.Concurrent;
using FramesNet.Rpc.Client;
using Grpc.Net.Client;

namespace FramesNet.Cluster;

/// <summary>One channel per worker address, reused for every fetch from it.</summary>
internal sealed class WorkerChannels(RpcChannelOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new();

    public GrpcChannel For(string address) => _channels.GetOrAdd(address, a => RpcChannel.Create(a, options));

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
            channel.Dispose();
        _channels.Clear();
    }
}
