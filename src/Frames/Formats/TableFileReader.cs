using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Formats.Csv;
using FramesNet.Formats.Parquet;
using FramesNet.Physical;

namespace FramesNet.Formats;

/// <summary>
/// Reads CSV, Arrow or Parquet files as one schema and one stream of batches, whatever their format: a file, a glob, or a
/// folder of part files (see <see cref="TableFiles.Resolve"/>), one file after another.
/// </summary>
public sealed class TableFileReader : IDisposable
{
    private readonly List<IDisposable> _open = [];
    private readonly Func<IEnumerable<RecordBatch>> _batches;

    private TableFileReader(IReadOnlyList<string> paths, TableFormat format, Schema schema, Func<TableFileReader, IEnumerable<RecordBatch>> batches,
        CsvScan? csv)
    {
        Paths = paths;
        Format = format;
        Schema = schema;
        _batches = () => batches(this);
        CsvReport = csv?.Report;
        CsvInference = csv?.Inference;
    }

    public Schema Schema { get; }

    /// <summary>The files read, in order.</summary>
    public IReadOnlyList<string> Paths { get; }

    public TableFormat Format { get; }

    /// <summary>For CSV input: rows read and rows skipped (with <see cref="CsvReadOptions.SkipBadRows"/>).</summary>
    public CsvReadReport? CsvReport { get; }

    /// <summary>For Parquet input: the files' footers (row groups, statistics).</summary>
    public ParquetSource? Parquet { get; private init; }

    /// <summary>For CSV input without an explicit schema: how the types were inferred.</summary>
    public CsvInferredSchema? CsvInference { get; }

    /// <summary>
    /// Opens a file, a glob or a folder of part files. The format is <paramref name="format"/>, else told by the files'
    /// extensions (an Arrow file's IPC flavour, file or stream, is told by its content); <c>.tsv</c> files are read
    /// with a tab delimiter unless <paramref name="csv"/> is given.
    /// </summary>
    public static TableFileReader Open(string pathFolderOrGlob, CsvReadOptions? csv = null, TableFormat? format = null)
    {
        IReadOnlyList<string> paths = File.Exists(pathFolderOrGlob) ? [pathFolderOrGlob] : TableFiles.Resolve(pathFolderOrGlob, format);
        var resolved = format ?? TableFiles.FormatOf(paths, pathFolderOrGlob);
        return Open(paths, resolved, csv ?? new CsvReadOptions { Delimiter = TableFormats.DefaultDelimiter(paths[0]) });
    }

    /// <summary>Opens <paramref name="paths"/>, all in <paramref name="format"/> and with the same columns.</summary>
    public static TableFileReader Open(IReadOnlyList<string> paths, TableFormat format, CsvReadOptions? csv = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
            throw new ArgumentException("no files to read", nameof(paths));
        if (format == TableFormat.Csv)
        {
            var scan = CsvReader.Open(paths, csv);
            return new TableFileReader(paths, format, scan.Schema, _ => scan.ReadBatches(), scan);
        }
        if (format == TableFormat.Parquet)
        {
            var source = new ParquetSource(paths);
            var parts = source.Partitions(source.Schema, PhysicalOptions.Default).Cast<ParquetPartition>().ToArray();
            return new TableFileReader(paths, format, source.Schema, _ => parts.SelectMany(p => p.ReadBatches()), null) { Parquet = source };
        }
        var first = OpenArrow(paths[0]);
        var arrow = new TableFileReader(paths, format, first.Schema, reader => reader.ArrowBatches(first), null);
        arrow._open.Add(first.Resource);
        return arrow;
    }

    public IEnumerable<RecordBatch> ReadBatches() => _batches();

    private IEnumerable<RecordBatch> ArrowBatches(ArrowInput first)
    {
        for (var i = 0; i < Paths.Count; i++)
        {
            var input = i == 0 ? first : OpenArrow(Paths[i]);
            if (i > 0)
            {
                _open.Add(input.Resource);
                if (!SameColumns(Schema, input.Schema))
                    throw new FormatException(
                        $"{Paths[i]} has columns ({string.Join(", ", input.Schema.Fields)}) but {Paths[0]} has ({string.Join(", ", Schema.Fields)})");
            }
            foreach (var batch in input.Batches())
                yield return i == 0 ? batch : new RecordBatch(Schema, batch.Columns, batch.Length);
            input.Resource.Dispose();
            _open.Remove(input.Resource);
        }
    }

    private sealed record ArrowInput(Schema Schema, Func<IEnumerable<RecordBatch>> Batches, IDisposable Resource);

    private static ArrowInput OpenArrow(string path)
    {
        if (ArrowIpc.Detect(path) == ArrowIpcFormat.File)
        {
            var file = ArrowFileReader.Open(path);
            return new ArrowInput(file.Schema, file.ReadAll, file);
        }
        var stream = new ArrowStreamReader(File.OpenRead(path), path);
        return new ArrowInput(stream.Schema, stream.ReadAll, stream);
    }

    private static bool SameColumns(Schema a, Schema b) =>
        a.Count == b.Count && a.Fields.Zip(b.Fields).All(p => p.First.Name == p.Second.Name && p.First.Type == p.Second.Type);

    public void Dispose()
    {
        foreach (var resource in _open)
            resource.Dispose();
        _open.Clear();
    }
}
