using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Formats;

namespace FramesNet.Physical;

/// <summary>
/// Writes the task's output to <c>FOLDER/part-NNNNN.EXT</c>, atomically (a temporary file renamed into
/// place once complete), and outputs one row naming the file and its row count. A partition without rows
/// writes no file (a shuffled aggregate leaves many buckets empty) unless <c>keepEmpty</c>: the one file
/// an empty result is written as, so the folder still says its columns.
/// </summary>
internal sealed class WriteFileSink(string folder, TableFormat format, int index, bool keepEmpty = false, string formatOptions = "") : TaskSink
{
    /// <summary>The files written; the path prints whole (<see cref="TextTable.WholeValues"/>).</summary>
    public static Schema ResultSchema { get; } = new(
        new Field("path", DataType.Utf8, false, new Dictionary<string, string> { [TextTable.WholeValues] = "true" }),
        new Field("rows", DataType.Int64, false));

    internal string Folder => folder;

    internal TableFormat Format => format;

    internal int Index => index;

    internal bool KeepEmpty => keepEmpty;

    /// <summary>The format's writer options in its text form (Parquet: <see cref="Formats.Parquet.ParquetWriteOptions"/>), empty for defaults.</summary>
    internal string FormatOptions => formatOptions;

    public string FileName => $"part-{index:D5}{TableFormats.Extension(format)}";

    public override int Buckets => 1;

    public override Schema OutputSchema(Schema pipeline) => ResultSchema;

    public override string Describe() => $"Write {Path.Combine(folder, $"part-NNNNN{TableFormats.Extension(format)}")}";

    public override string Spec => $"write {Path.Combine(folder, FileName)} {format}{(keepEmpty ? " keep-empty" : "")}{(formatOptions.Length > 0 ? " " + formatOptions : "")}";

    private TableFileWriter Create(string path, Schema schema) =>
        TableFileWriter.Create(path, schema, format, parquet: format == TableFormat.Parquet ? Formats.Parquet.ParquetWriteOptions.Parse(formatOptions) : null);

    public override IReadOnlyList<RecordBatch>[] Consume(IEnumerable<RecordBatch> batches, Schema schema, TaskContext context)
    {
        var path = Path.Combine(folder, FileName);
        TableFileWriter? writer = null;
        try
        {
            foreach (var batch in batches)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (batch.Length > 0)
                {
                    writer ??= Create(path, schema);
                    writer.Write(batch);
                }
                context.Release(batch);
            }
            if (writer is null && !keepEmpty)
                return [[]];
            writer ??= Create(path, schema);
            writer.Commit();
            var row = new RecordBatch(ResultSchema, [BinaryColumn.FromStrings([path]), PrimitiveColumn<long>.From(DataType.Int64, [writer.Rows])]);
            return [[row]];
        }
        finally
        {
            writer?.Dispose();
        }
    }
}
