using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using FramesNet.Rpc.Client;
using Grpc.Net.Client;

namespace FramesNet.Scheduler.Hosting;

/// <summary>
/// One gRPC channel per worker address, for the scheduler's own calls to workers (ListFiles, DescribeFiles),
/// with the worker token and the CAs it trusts for https:// workers.
/// </summary>
internal sealed class WorkerChannels(string? token, X509Certificate2Collection? trustedRoots) : IDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);

    public GrpcChannel For(string address) =>
        _channels.GetOrAdd(address, static (a, self) => RpcChannel.Create(a, new RpcChannelOptions
        {
            BearerToken = self.token,
            TrustedRoots = self.trustedRoots,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        }), (token, trustedRoots));

    /// <summary>Closes the channel of a worker that is gone.</summary>
    public void Forget(string address)
    {
        if (_channels.TryRemove(address, out var channel))
            channel.Dispose();
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
            channel.Dispose();
        _channels.Clear();
    }
}
