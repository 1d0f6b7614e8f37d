using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Formats.Csv;

namespace FramesNet.Formats;

/// <summary>Reads a CSV or Arrow file as a schema and a stream of batches, whatever its format.</summary>
public sealed class TableFileReader : IDisposable
{
    private readonly IDisposable? _resource;
    private readonly Func<IEnumerable<RecordBatch>> _batches;

    private TableFileReader(Schema schema, Func<IEnumerable<RecordBatch>> batches, IDisposable? resource, CsvReadReport? report)
    {
        Schema = schema;
        _batches = batches;
        _resource = resource;
        CsvReport = report;
    }

    public Schema Schema { get; }

    /// <summary>For CSV input: rows read and rows skipped (with <see cref="CsvReadOptions.SkipBadRows"/>).</summary>
    public CsvReadReport? CsvReport { get; }

    /// <summary>Opens <paramref name="path"/>; the format comes from the extension, except that Arrow files are recognised by content.</summary>
    public static TableFileReader Open(string path, CsvReadOptions? csv = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(Directory.Exists(path) ? $"{path} is a folder, not a file" : $"no such file: {path}", path);
        var format = TableFormats.FromPath(path);
        if (format == TableFormat.Csv)
        {
            var scan = CsvReader.Open(path, csv);
            return new TableFileReader(scan.Schema, () => scan.ReadBatches(), null, scan.Report);
        }
        if (ArrowIpc.Detect(path) == ArrowIpcFormat.File)
        {
            var reader = ArrowFileReader.Open(path);
            return new TableFileReader(reader.Schema, reader.ReadAll, reader, null);
        }
        var stream = new ArrowStreamReader(File.OpenRead(path), path);
        return new TableFileReader(stream.Schema, stream.ReadAll, stream, null);
    }

    public IEnumerable<RecordBatch> ReadBatches() => _batches();

    public void Dispose() => _resource?.Dispose();
}
