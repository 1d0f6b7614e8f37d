using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Physical;
using FramesNet.Plan;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// Arrow IPC files (file or stream format, told apart by their first bytes) with one schema. Dictionary
/// fields read as their value type. Each file is a partition; a big file in the file format is cut into
/// groups of record batches when there are too few files to keep every core busy.
/// </summary>
public sealed class ArrowSource : DataSource
{
    /// <summary>Each file; <c>Format</c> is null for a file only the cluster's workers see (read whole, its format told when read).</summary>
    private readonly (string Path, long Size, DateTime Modified, ArrowIpcFormat? Format, int Batches)[] _files;

    public ArrowSource(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
            throw new ArgumentException("no Arrow files to read", nameof(paths));
        Schema? schema = null;
        _files = new (string, long, DateTime, ArrowIpcFormat?, int)[paths.Count];
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i];
            var format = ArrowIpc.Detect(path);
            Schema fileSchema;
            var batches = 1;
            if (format == ArrowIpcFormat.File)
            {
                using var reader = ArrowFileReader.Open(path);
                fileSchema = reader.Schema;
                batches = reader.BatchCount;
            }
            else
            {
                using var reader = new ArrowStreamReader(File.OpenRead(path), path);
                fileSchema = reader.Schema;
            }
            var logical = Logical(fileSchema);
            if (schema is null)
                schema = logical;
            else if (!SameColumns(schema, logical))
                throw new FormatException($"{path} has columns ({string.Join(", ", logical.Fields)}) but {paths[0]} has ({string.Join(", ", schema.Fields)})");
            _files[i] = (path, new FileInfo(path).Length, File.GetLastWriteTimeUtc(path), format, batches);
        }
        Schema = schema!;
    }

    /// <summary>
    /// Arrow files this process may not see (they live on cluster workers): sizes and times from the workers' listing,
    /// the schema from a worker's reading of the first file. Each file is one partition, read whole.
    /// </summary>
    internal ArrowSource(IReadOnlyList<(string Path, long Size, DateTime Modified)> files, Schema schema)
    {
        if (files.Count == 0)
            throw new ArgumentException("no Arrow files to read", nameof(files));
        _files = files.Select(f => (f.Path, f.Size, f.Modified, (ArrowIpcFormat?)null, 1)).ToArray();
        Schema = schema;
    }

    public override Schema Schema { get; }

    public override long EstimatedBytes => _files.Sum(f => f.Size);

    public override string Describe()
    {
        var where = _files.Length == 1 ? _files[0].Path : $"{Path.GetDirectoryName(_files[0].Path)}/{{{_files.Length} files}}";
        return $"arrow [{_files.Length} file{(_files.Length == 1 ? "" : "s")}, {FormatBytes(EstimatedBytes)}] {where}";
    }

    internal override IReadOnlyList<ScanPartition> Partitions(Schema columns, PhysicalOptions options)
    {
        var indices = columns.Fields.Select(f => Schema.IndexOf(f.Name)).ToArray();
        var split = _files.Length < options.EffectiveTargetScanPartitions;
        var parts = new List<ScanPartition>();
        foreach (var file in _files)
        {
            if (file.Format is null)
            {
                parts.Add(new ArrowPartition(file.Path, file.Size, file.Modified, null, 0, 0, columns, indices));
                continue;
            }
            var pieces = split && file.Format == ArrowIpcFormat.File
                ? (int)Math.Clamp(file.Size / Math.Max(1, options.ScanPartitionBytes), 1, Math.Max(1, file.Batches))
                : 1;
            for (var p = 0; p < pieces; p++)
                parts.Add(new ArrowPartition(file.Path, file.Size, file.Modified, file.Format, file.Batches * p / pieces,
                    file.Batches * (p + 1) / pieces, columns, indices));
        }
        return parts;
    }

    /// <summary>The schema as plans see it: dictionary-encoded fields become their value type.</summary>
    private static Schema Logical(Schema schema) =>
        new(schema.Fields.Select(f => f.Type.Id == TypeId.Dictionary ? f.WithType(f.Type.ValueType!) : f), schema.Metadata);

    private static bool SameColumns(Schema a, Schema b) =>
        a.Count == b.Count && a.Fields.Zip(b.Fields).All(p => p.First.Name == p.Second.Name && p.First.Type == p.Second.Type);
}
