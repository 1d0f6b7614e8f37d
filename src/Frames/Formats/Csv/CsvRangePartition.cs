using FramesNet.Cluster;
using FramesNet.Columns;
using FramesNet.Execution;
using Google.Protobuf;
using Proto = FramesNet.Rpc.Protocol;

namespace FramesNet.Formats.Csv;

/// <summary>One byte range of one file; its spec names the file's size and modification time, so a changed file changes the task key.</summary>
internal sealed class CsvRangePartition(CsvFileRange range, Schema fileSchema, CsvReadOptions options, Schema columns, long size, DateTime modified)
    : FileScanPartition
{
    internal CsvFileRange Range => range;

    internal Schema FileSchema => fileSchema;

    /// <summary>The read options, with the projection in <see cref="CsvReadOptions.Columns"/>.</summary>
    internal CsvReadOptions Options => options;

    internal long Size => size;

    internal DateTime Modified => modified;

    public override Schema Schema { get; } = columns;

    public override string? FilePath => range.Path;

    public override long Bytes => range.Length;

    public override string Describe() => range.Start == 0 && range.End == size
        ? $"CsvScan {Path.GetFileName(range.Path)}"
        : $"CsvScan {Path.GetFileName(range.Path)} [{range.Start}, {range.End})";

    public override string Spec =>
        $"csv {range.Path} size={size} mtime={modified.Ticks} range={range.Start}-{range.End} columns=[{string.Join(",", Schema.Fields)}] " +
        $"delimiter={(int)options.Delimiter} header={options.HasHeader} nulls=[{string.Join(",", options.NullValues)}] skip_bad={options.SkipBadRows}";

    public override FileFormat Format => CsvFormat.Instance;

    public override byte[] EncodeSpec() => new Proto.CsvRangeScan
    {
        Path = range.Path,
        Start = range.Start,
        End = range.End,
        IsFirst = range.IsFirst,
        Size = size,
        ModifiedTicks = modified.Ticks,
        Options = CsvOptionsCodec.ToProto(options with { Schema = fileSchema }),
        Columns = SchemaCodec.ToProto(Schema),
    }.ToByteArray();

    public override IEnumerable<RecordBatch> Read(TaskContext context)
    {
        foreach (var batch in CsvReader.ReadRange(range, fileSchema, options))
        {
            context.CountRead(batch.Length, 0);
            yield return batch;
        }
        context.CountRead(0, range.Length);
    }
}
