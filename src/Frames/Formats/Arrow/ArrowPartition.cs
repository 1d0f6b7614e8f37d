using FramesNet.Cluster;
using FramesNet.Columns;
using FramesNet.Execution;
using Google.Protobuf;
using Proto = FramesNet.Rpc.Protocol;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// Batches [<paramref name="firstBatch"/>, <paramref name="endBatch"/>) of a file in the IPC file format, or a whole
/// stream; with no <paramref name="format"/> the whole file, its format told by its first bytes when it is read.
/// </summary>
internal sealed class ArrowPartition(string path, long size, DateTime modified, ArrowIpcFormat? format, int firstBatch, int endBatch,
    Schema columns, int[] indices) : FileScanPartition
{
    internal string Path => path;

    internal long Size => size;

    internal DateTime Modified => modified;

    internal ArrowIpcFormat? IpcFormat => format;

    internal int FirstBatch => firstBatch;

    internal int EndBatch => endBatch;

    internal IReadOnlyList<int> Indices => indices;

    public override Schema Schema { get; } = columns;

    public override string? FilePath => path;

    public override long Bytes => format != ArrowIpcFormat.File || endBatch == firstBatch ? size : size / Math.Max(1, endBatch - firstBatch);

    public override string Describe() => format == ArrowIpcFormat.File && (firstBatch > 0 || endBatch > 1)
        ? $"ArrowScan {System.IO.Path.GetFileName(path)} batches [{firstBatch}, {endBatch})"
        : $"ArrowScan {System.IO.Path.GetFileName(path)}";

    public override string Spec => format is null
        ? $"arrow {path} size={size} mtime={modified.Ticks} whole columns=[{string.Join(",", Schema.Fields)}]"
        : $"arrow {path} size={size} mtime={modified.Ticks} batches={firstBatch}-{endBatch} columns=[{string.Join(",", Schema.Fields)}]";

    public override FileFormat Format => ArrowFormat.Instance;

    public override byte[] EncodeSpec()
    {
        var message = new Proto.ArrowFileScan
        {
            Path = path,
            Size = size,
            ModifiedTicks = modified.Ticks,
            StreamFormat = format == ArrowIpcFormat.Stream,
            WholeFile = format is null,
            FirstBatch = firstBatch,
            EndBatch = endBatch,
            Columns = SchemaCodec.ToProto(Schema),
        };
        message.Indices.AddRange(indices);
        return message.ToByteArray();
    }

    public override IEnumerable<RecordBatch> Read(TaskContext context)
    {
        foreach (var batch in Batches())
        {
            var columns = indices.Select(i => batch.Column(i) is DictionaryColumn d ? d.Decode() : batch.Column(i)).ToArray();
            var projected = new RecordBatch(Schema, columns, batch.Length);
            batch.Dispose();
            context.CountRead(projected.Length, 0);
            yield return projected;
        }
        context.CountRead(0, Bytes);
    }

    private IEnumerable<RecordBatch> Batches()
    {
        if ((format ?? ArrowIpc.Detect(path)) == ArrowIpcFormat.File)
        {
            using var reader = ArrowFileReader.Open(path);
            CheckColumns(reader.Schema);
            var end = format is null ? reader.BatchCount : endBatch;
            for (var b = format is null ? 0 : firstBatch; b < end; b++)
                yield return reader.ReadBatch(b);
        }
        else
        {
            using var reader = new ArrowStreamReader(File.OpenRead(path), path);
            CheckColumns(reader.Schema);
            while (reader.ReadNext() is { } batch)
                yield return batch;
        }
    }

    /// <summary>The file holds the columns the scan reads where the scan expects them (a file of a glob may differ from the first).</summary>
    private void CheckColumns(Schema file)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            var expected = Schema[i];
            var found = indices[i] < file.Count ? file[indices[i]] : null;
            var type = found?.Type.Id == TypeId.Dictionary ? found.Type.ValueType : found?.Type;
            if (found is null || found.Name != expected.Name || type != expected.Type)
                throw new FormatException($"{path} has columns ({string.Join(", ", file.Fields)}), not the {expected} the scan reads as column {indices[i] + 1}");
        }
    }
}
