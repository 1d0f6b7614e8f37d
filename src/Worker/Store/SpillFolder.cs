using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Physical;

namespace FramesNet.Worker.Store;

/// <summary>
/// Where partitions go when the store is over its memory limit: one Arrow IPC stream file each, so a
/// peer's fetch can send the file's bytes as they are. The folder is created on first use and deleted
/// with the store.
/// </summary>
internal sealed class SpillFolder(string path) : IDisposable
{
    private long _sequence;

    public string Path { get; } = path;

    public string Write(PartitionRef partition, Schema schema, IReadOnlyList<RecordBatch> batches)
    {
        Directory.CreateDirectory(Path);
        var file = System.IO.Path.Combine(Path, $"{FileName(partition.Task.Value)}-{partition.Bucket}-{Interlocked.Increment(ref _sequence)}.arrows");
        try
        {
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
            ArrowIpc.WritePartition(stream, schema, batches);
        }
        catch
        {
            Delete(file);
            throw;
        }
        return file;
    }

    public (Schema Schema, List<RecordBatch> Batches) Read(string file) => Cluster.PartitionTransfer.ReadFile(file);

    public static void Delete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // A spill file that cannot be removed now goes with the folder when the worker stops.
        }
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
                Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file held open elsewhere keeps the folder; it lives under the temp folder.
        }
    }

    private static string FileName(string task)
    {
        var name = new char[Math.Min(task.Length, 80)];
        for (var i = 0; i < name.Length; i++)
            name[i] = char.IsAsciiLetterOrDigit(task[i]) || task[i] is '-' or '_' or '.' ? task[i] : '_';
        return new string(name);
    }
}
