using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Rpc.Protocol;
using Grpc.Core;
using Microsoft.Win32.SafeHandles;
using PartitionRef = FramesNet.Physical.PartitionRef;
using Schema = FramesNet.Columns.Schema;

namespace FramesNet.Cluster;

// Same-machine handoff (SharePartition): a partition read from a file its owner writes on a tmpfs, and
// files read from disk (spill files). docs/cluster.md, "Same machine".
public static partial class PartitionTransfer
{
    /// <summary>
    /// Fetches a stored partition from a worker on this machine through its share folder (SharePartition):
    /// the worker writes the partition as an Arrow IPC stream file on a tmpfs while this process reads it,
    /// with no network stack in between. Null when that cannot work — the worker is on another machine, has
    /// no share folder, or wrote the file where this process cannot see it (another container) — and the
    /// caller streams it with <see cref="FetchAsync"/> instead.
    /// </summary>
    public static async Task<(Schema Schema, List<RecordBatch> Batches)?> TryFetchSharedAsync(ChannelBase channel, PartitionRef partition,
        CancellationToken cancellationToken)
    {
        if (MachineIdentity.Current is not { } machine)
            return null;
        using var call = WorkerApi.Client(channel).SharePartition(
            new SharePartitionRequest { Partition = TaskSpecCodec.ToProto(partition), Machine = machine }, cancellationToken: cancellationToken);
        SharePartitionReply first;
        try
        {
            if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                throw new RpcException(new Status(StatusCode.Internal, $"SharePartition of {partition} ended without naming a file"));
            first = call.ResponseStream.Current;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.Unimplemented)
        {
            return null;
        }
        try
        {
            SafeFileHandle file;
            try
            {
                file = File.OpenHandle(first.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                return null;
            }
            var progress = new WriteProgress();
            Task following;
            if (first.Complete)
            {
                progress.Advance(first.Bytes);
                following = Task.CompletedTask;
            }
            else
            {
                following = FollowAsync(call.ResponseStream, progress, cancellationToken);
            }
            using var stream = new GrowingFileStream(file, first.Bytes, progress, first.Path, cancellationToken);
            (Schema, List<RecordBatch>) read;
            try
            {
                // A file still being written makes the reader block until it grows: on a thread of its own, never
                // on the thread pool, whose threads deliver the progress (blocked pool threads starve the pool).
                read = first.Complete
                    ? ArrowIpc.ReadStream(stream, first.Path)
                    : await Task.Factory.StartNew(() => ArrowIpc.ReadStream(stream, first.Path), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                        .ConfigureAwait(false);
            }
            catch
            {
                // The reason is in the reader's exception already.
                _ = following.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                throw;
            }
            await following.ConfigureAwait(false);
            return read;
        }
        finally
        {
            if (first.DeleteAfterRead)
                HandBack(first.Path);
        }

        // Passes the owner's progress to the reader; a failed or broken call (the owner died) fails the read.
        static async Task FollowAsync(IAsyncStreamReader<SharePartitionReply> replies, WriteProgress progress, CancellationToken cancellationToken)
        {
            try
            {
                while (await replies.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    progress.Advance(replies.Current.Written);
                    if (replies.Current.Complete)
                        return;
                }
                throw new IOException("the owner ended SharePartition without saying the file is whole");
            }
            catch (Exception e)
            {
                progress.Fail(e);
                throw;
            }
        }
    }

    /// <summary>Reads a partition stored as one Arrow IPC stream file (a spill file, or a shared one).</summary>
    public static (Schema Schema, List<RecordBatch> Batches) ReadFile(string path)
    {
        return ArrowIpc.ReadStream(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20, FileOptions.SequentialScan), path);
    }

    /// <summary>What a reader appends to a shared file's name to hand it back to its owner for reuse.</summary>
    public const string RecycledSuffix = ".free";

    /// <summary>
    /// Gives a read shared file back to its owner, who overwrites it next (its tmpfs pages are allocated
    /// already) or deletes it when idle. Deleted here if the rename fails.
    /// </summary>
    private static void HandBack(string path)
    {
        try
        {
            // Touched first: the owner's sweep measures idleness from the last write.
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            File.Move(path, Path.ChangeExtension(path, null) + RecycledSuffix);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // The owner sweeps what its readers leave behind.
            }
        }
    }
}
