using FramesNet.Cluster;
using FramesNet.Formats.Arrow;
using FramesNet.Physical;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Worker.Store;
using Microsoft.Extensions.Logging;

namespace FramesNet.Worker.Execution;

/// <summary>Inputs from the local store (pinned while the task reads them), else fetched from the listed peers in turn (through a shared file when the peer is on this machine).</summary>
internal sealed class PeerPartitionSource(PartitionStore store, PeerChannels peers, WorkerIdentity self, ILogger logger) : IPartitionSource
{
    private readonly PartitionFetcher _fetcher = new();

    public async Task<InputPartition?> GetAsync(PartitionRef partition, IReadOnlyList<string> addresses, ICollection<string> failures, CancellationToken cancellationToken)
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
                failures.Add($"this worker's copy cannot be read back: {e.Message}");
            }
        }
        foreach (var address in addresses)
        {
            if (self.Address is { } own && Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri == own)
                continue;
            try
            {
                var batches = await _fetcher.FetchAsync(address, peers.Get(address), partition, cancellationToken,
                    reason => ExecutionLog.FetchFailed(logger, partition.ToString(), address, $"shared file: {reason}; streaming instead"));
                return InputPartition.Owned(batches);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is RpcException or IOException or FormatException or HttpRequestException)
            {
                var reason = e is RpcException rpc ? rpc.Status.Text : e.Message;
                ExecutionLog.FetchFailed(logger, partition.ToString(), address, reason);
                failures.Add($"{address}: {reason}");
            }
        }
        return null;
    }
}
