using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Formats;

namespace FramesNet.Physical;

/// <summary>
/// Writes the task's output to <c>FOLDER/part-NNNNN.EXT</c>, atomically (a temporary file renamed into
/// place once complete), and outputs one row naming the file and its row count.
/// </summary>
internal sealed class WriteFileSink(string folder, TableFormat format, int index) : TaskSink
{
    public static Schema ResultSchema { get; } = new(new Field("path", DataType.Utf8, false), new Field("rows", DataType.Int64, false));

    internal string Folder => folder;

    internal TableFormat Format => format;

    internal int Index => index;

    public string FileName => $"part-{index:D5}{TableFormats.Extension(format)}";

    public override int Buckets => 1;

    public override Schema OutputSchema(Schema pipeline) => ResultSchema;

    public override string Describe() => $"Write {Path.Combine(folder, $"part-NNNNN{TableFormats.Extension(format)}")}";

    public override string Spec => $"write {Path.Combine(folder, FileName)} {format}";

    public override IReadOnlyList<RecordBatch>[] Consume(IEnumerable<RecordBatch> batches, Schema schema, TaskContext context)
    {
        var path = Path.Combine(folder, FileName);
        using (var writer = TableFileWriter.Create(path, schema, format))
        {
            foreach (var batch in batches)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                writer.Write(batch);
                context.Release(batch);
            }
            writer.Commit();
            var row = new RecordBatch(ResultSchema, [BinaryColumn.FromStrings([path]), PrimitiveColumn<long>.From(DataType.Int64, [writer.Rows])]);
            return [[row]];
        }
    }
}
