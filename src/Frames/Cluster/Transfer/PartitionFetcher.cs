using System.Collections.Concurrent;
using FramesNet.Columns;
using FramesNet.Rpc;
using Grpc.Core;
using PartitionRef = FramesNet.Physical.PartitionRef;

namespace FramesNet.Cluster;

/// <summary>
/// Reads stored partitions from the workers holding them: through the worker's share folder when it runs on
/// this machine (a file on a tmpfs, several times faster than the loopback stream), else over the
/// FetchPartition stream. A worker that refuses to share once (another machine, no share folder, a folder
/// this process cannot see) is streamed from at once afterwards. Used by workers reading their inputs and by
/// clients gathering results.
/// </summary>
public sealed class PartitionFetcher
{
    /// <summary>Addresses of workers that refused the same-machine handoff.</summary>
    private readonly ConcurrentDictionary<string, bool> _cannotShare = new(StringComparer.Ordinal);
    private int _sharedReads;
    private int _streamedReads;

    /// <summary>Partitions read through a worker's share folder so far.</summary>
    internal int SharedReads => Volatile.Read(ref _sharedReads);

    /// <summary>Partitions read over the FetchPartition stream so far.</summary>
    internal int StreamedReads => Volatile.Read(ref _streamedReads);

    /// <summary>
    /// The partition's batches, owned by the caller. <paramref name="shareFailed"/> hears why a shared file
    /// could not be had (no room for it in the worker's share folder, a failed write or read) before the same
    /// worker is asked for the stream.
    /// </summary>
    public async Task<List<RecordBatch>> FetchAsync(string address, ChannelBase channel, PartitionRef partition, CancellationToken cancellationToken,
        Action<string>? shareFailed = null)
    {
        if (!_cannotShare.ContainsKey(address))
        {
            try
            {
                if (await PartitionTransfer.TryFetchSharedAsync(channel, partition, cancellationToken).ConfigureAwait(false) is { } shared)
                {
                    Interlocked.Increment(ref _sharedReads);
                    return shared.Batches;
                }
                _cannotShare.TryAdd(address, true);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                // No room in the worker's share folder for this one: streamed, and the next may fit.
                shareFailed?.Invoke(e.Status.Detail);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Internal && !cancellationToken.IsCancellationRequested)
            {
                // The worker could not write the file (its folder, its disk): the stream may still work, or fail saying why.
                shareFailed?.Invoke(e.Status.Detail);
            }
            catch (Exception e) when (e is IOException or FormatException && !cancellationToken.IsCancellationRequested)
            {
                // The file could not be written (the owner's tmpfs full?) or read whole: the stream may still work.
                shareFailed?.Invoke(e.Message);
            }
        }
        var (_, batches) = await PartitionTransfer.FetchAsync(channel, partition, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _streamedReads);
        return batches;
    }
}
