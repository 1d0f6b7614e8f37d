using System.Threading.Channels;
using FramesNet.Columns;
using FramesNet.Formats.Arrow;

namespace FramesNet.Worker.Store;

/// <summary>
/// Where this worker writes partitions for readers on the same machine (SharePartition): a folder of its
/// own on a memory-backed filesystem, files readable by this user only. A reader hands its file back once
/// read by renaming it to <c>*.free</c> (<see cref="Cluster.PartitionTransfer.RecycledSuffix"/>), and the next
/// share overwrites it: tmpfs pages already allocated take writes ~2.5× faster than new ones, which the
/// kernel must first zero. Files handed back and idle for <see cref="KeepFreeFor"/>, and files no reader
/// came back for within <see cref="StaleAfter"/> (it died), are deleted by a timer; the folder goes with the worker.
/// </summary>
internal sealed class ShareFolder : IDisposable
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan KeepFreeFor = TimeSpan.FromSeconds(10);

    private readonly Timer _sweeper;
    private readonly long _reserve;
    private long _sequence;

    private ShareFolder(string path, long reserve)
    {
        Path = path;
        _reserve = reserve;
        _sweeper = new Timer(_ => Sweep(DateTime.UtcNow), null, KeepFreeFor, KeepFreeFor);
    }

    public string Path { get; }

    /// <summary>
    /// A fresh folder under <paramref name="root"/>, whose filesystem keeps <paramref name="reserve"/> bytes free;
    /// null (sharing off) when <paramref name="root"/> is null.
    /// </summary>
    public static ShareFolder? Create(string? root, long reserve) =>
        root is null ? null : new ShareFolder(System.IO.Path.Combine(root, $"frames-share-{Environment.ProcessId}-{Guid.NewGuid():N}"), reserve);

    /// <summary>
    /// Whether a file of <paramref name="bytes"/> fits and leaves the reserve free; <paramref name="available"/> is
    /// what the filesystem has left. Checked before writing, so a reader whose partition will not fit streams it
    /// at once instead of after a half-written file.
    /// </summary>
    public bool HasRoomFor(long bytes, out long available)
    {
        available = new DriveInfo(System.IO.Path.GetDirectoryName(Path)!).AvailableFreeSpace;
        return bytes <= available - _reserve;
    }

    /// <summary>A file for one reader (this user only), open for writing from its start: one handed back, else a new one.</summary>
    public (string Path, FileStream Stream) Create()
    {
        if (!Directory.Exists(Path))
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(Path);
            else
                Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var file = System.IO.Path.Combine(Path, $"{Interlocked.Increment(ref _sequence)}.arrows");
        // The reader opens the file while it is written: share it.
        var options = new FileStreamOptions { Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 1 << 20 };
        if (TryClaimRecycled(file))
        {
            options.Mode = FileMode.Open;
            return (file, new FileStream(file, options));
        }
        options.Mode = FileMode.CreateNew;
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return (file, new FileStream(file, options));
    }

    /// <summary>Renames a handed-back file to <paramref name="file"/>; false when there is none (or another share took it first).</summary>
    private bool TryClaimRecycled(string file)
    {
        foreach (var free in Directory.EnumerateFiles(Path, "*" + Cluster.PartitionTransfer.RecycledSuffix))
        {
            try
            {
                File.Move(free, file);
                return true;
            }
            catch (Exception e) when (e is FileNotFoundException or IOException)
            {
                // Claimed by a concurrent share, or swept: try the next.
            }
        }
        return false;
    }

    /// <summary>
    /// Writes the partition into <paramref name="file"/> as an Arrow IPC stream, checks it came to
    /// <paramref name="expected"/> bytes and closes the file. With <paramref name="progress"/>, the bytes in
    /// place are posted there as the write goes (and it is completed at the end, or with the failure).
    /// </summary>
    public static void Write(FileStream file, Schema schema, IReadOnlyList<RecordBatch> batches, long expected, ChannelWriter<long>? progress = null)
    {
        try
        {
            using (file)
            {
                Stream output = progress is null ? file : new ProgressStream(file, progress);
                ArrowIpc.WritePartition(output, schema, batches);
                if (file.Position != expected)
                    throw new IOException($"the shared file {file.Name} came to {file.Position} bytes, not the {expected} announced");
                // A reused file may be longer than this partition.
                file.SetLength(file.Position);
                output.Flush();
            }
            progress?.TryComplete();
        }
        catch (Exception e)
        {
            progress?.TryComplete(e);
            throw;
        }
    }

    /// <summary>Writes the partition as a complete file at once (tests, tools) and returns its path and size.</summary>
    public (string Path, long Bytes) Write(Schema schema, IReadOnlyList<RecordBatch> batches)
    {
        var (file, stream) = Create();
        try
        {
            var size = ArrowIpc.PartitionLength(schema, batches);
            Write(stream, schema, batches, size);
            return (file, size);
        }
        catch
        {
            SpillFolder.Delete(file);
            throw;
        }
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        try
        {
            if (Directory.Exists(Path))
                Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the folder is on a tmpfs, gone at the latest with the next boot.
        }
    }

    /// <summary>
    /// Deletes every handed-back file now (their tmpfs pages are memory, kept only to make the next share
    /// faster): called when the worker's store goes over its memory limit. Returns the bytes freed.
    /// </summary>
    public long DropFree()
    {
        long freed = 0;
        try
        {
            if (!Directory.Exists(Path))
                return 0;
            foreach (var file in Directory.EnumerateFiles(Path, "*" + Cluster.PartitionTransfer.RecycledSuffix))
            {
                try
                {
                    var bytes = new FileInfo(file).Length;
                    File.Delete(file);
                    freed += bytes;
                }
                catch (IOException)
                {
                    // Claimed by a share meanwhile, or gone.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the timer sweeps them anyway.
        }
        return freed;
    }

    /// <summary>Deletes files handed back before <paramref name="now"/> − <see cref="KeepFreeFor"/>, and others (never read) written before <paramref name="now"/> − <see cref="StaleAfter"/>.</summary>
    internal void Sweep(DateTime now)
    {
        try
        {
            if (!Directory.Exists(Path))
                return;
            foreach (var file in Directory.EnumerateFiles(Path))
            {
                var idle = now - File.GetLastWriteTimeUtc(file);
                if (idle > (file.EndsWith(Cluster.PartitionTransfer.RecycledSuffix, StringComparison.Ordinal) ? KeepFreeFor : StaleAfter))
                    SpillFolder.Delete(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Next time.
        }
    }
}
