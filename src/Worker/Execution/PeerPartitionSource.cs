using FramesNet.Cluster;
using FramesNet.Formats.Arrow;
using FramesNet.Physical;
using FramesNet.Rpc;
using FramesNet.Worker.Store;
using Microsoft.Extensions.Logging;

namespace FramesNet.Worker.Execution;

/// <summary>Inputs from the local store (pinned while the task reads them), else fetched from the listed peers in turn.</summary>
internal sealed class PeerPartitionSource(PartitionStore store, PeerChannels peers, WorkerIdentity self, ILogger logger) : IPartitionSource
{
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
                var (_, batches) = await PartitionTransfer.FetchAsync(peers.Get(address), partition, cancellationToken);
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
