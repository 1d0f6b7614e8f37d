using System.Collections.Concurrent;
using FramesNet.Cluster;
using FramesNet.Formats.Arrow;
using FramesNet.Physical;
using FramesNet.Rpc;
using FramesNet.Worker.Store;
using Microsoft.Extensions.Logging;

namespace FramesNet.Worker.Execution;

/// <summary>Inputs from the local store (pinned while the task reads them), else fetched from the listed peers in turn (through a shared file when the peer is on this machine).</summary>
internal sealed class PeerPartitionSource(PartitionStore store, PeerChannels peers, WorkerIdentity self, ILogger logger) : IPartitionSource
{
    /// <summary>Peers that refused the same-machine handoff (another machine, or a share folder this process cannot see): streamed from now on.</summary>
    private readonly ConcurrentDictionary<string, bool> _cannotShare = new(StringComparer.Ordinal);

    public async Task<InputPartition?> GetAsync(PartitionRef partition, IReadOnlyList<string> addresses, CancellationToken cancellationToken)
    {
        if (store.TryAcquire(partition) is { } lease)
        {
            try
            {
                return new InputPartition(lease.Batches, lease);
            }
            catch (Exception e) when (e is IOException or ArrowFormatException)
            {
                // A spill file that cannot be read back: a peer may still have the partition.
                lease.Dispose();
                ExecutionLog.LocalCopyUnreadable(logger, partition.ToString(), e);
            }
        }
        foreach (var address in addresses)
        {
            if (self.Address is { } own && Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri == own)
                continue;
            try
            {
                var channel = peers.Get(address);
                // A peer on this machine hands the partition over as a file on a tmpfs; any other is streamed.
                if (!_cannotShare.ContainsKey(address))
                {
                    try
                    {
                        if (await PartitionTransfer.TryFetchSharedAsync(channel, partition, cancellationToken) is { } shared)
                            return InputPartition.Owned(shared.Batches);
                        _cannotShare.TryAdd(address, true);
                    }
                    catch (IOException e) when (!cancellationToken.IsCancellationRequested)
                    {
                        // The owner could not write the file (its tmpfs full?): the stream may still work.
                        ExecutionLog.FetchFailed(logger, partition.ToString(), address, $"shared file: {e.Message}; streaming instead");
                    }
                }
                var (_, batches) = await PartitionTransfer.FetchAsync(channel, partition, cancellationToken);
                return InputPartition.Owned(batches);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is RpcException or IOException or FormatException or HttpRequestException)
            {
                ExecutionLog.FetchFailed(logger, partition.ToString(), address, e.Message);
            }
        }
        return null;
    }
}
