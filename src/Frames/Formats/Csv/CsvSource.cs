using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Execution.Kernels;
using FramesNet.Physical;
using FramesNet.Plan;

namespace FramesNet.Formats.Csv;

/// <summary>
/// CSV files with one header and schema. The schema is the options' explicit one, or inferred from a
/// sample when the source is made — the only reading a DataFrame does before it runs. Each file is a
/// partition; big files are cut into byte ranges only when there are too few files to keep every core busy.
/// </summary>
public sealed class CsvSource : DataSource
{
    private readonly (string Path, long Size, DateTime Modified)[] _files;

    public CsvSource(IReadOnlyList<string> paths, CsvReadOptions? options = null)
    {
        Options = options ?? new CsvReadOptions();
        var scan = CsvReader.Open(paths, Options with { Columns = null });
        Schema = scan.FileSchema;
        _files = paths.Select(p => (p, new FileInfo(p).Length, File.GetLastWriteTimeUtc(p))).ToArray();
        Options = Options with { Schema = Schema, Columns = null };
        Local = true;
    }

    /// <summary>
    /// CSV files this process may not see (they live on cluster workers): their sizes and times come
    /// from the workers' listing and the schema from a worker's inference. Each file is one partition.
    /// </summary>
    internal CsvSource(IReadOnlyList<(string Path, long Size, DateTime Modified)> files, Schema schema, CsvReadOptions? options)
    {
        if (files.Count == 0)
            throw new ArgumentException("no CSV files to read", nameof(files));
        _files = files.ToArray();
        Schema = schema;
        Options = (options ?? new CsvReadOptions()) with { Schema = schema, Columns = null };
    }

    /// <summary>True when this process can read the files (then big ones can be cut into ranges and sampled).</summary>
    internal bool Local { get; }

    public CsvReadOptions Options { get; }

    public IReadOnlyList<string> Paths => _files.Select(f => f.Path).ToArray();

    public override Schema Schema { get; }

    public override long EstimatedBytes => _files.Sum(f => f.Size);

    public override string Describe()
    {
        var where = _files.Length == 1 ? _files[0].Path : $"{Path.GetDirectoryName(_files[0].Path)}/{{{_files.Length} files}}";
        return $"csv [{_files.Length} file{(_files.Length == 1 ? "" : "s")}, {FormatBytes(EstimatedBytes)}] {where}";
    }

    internal override IReadOnlyList<ScanPartition> Partitions(Schema columns, PhysicalOptions options)
    {
        var read = Options with { Columns = columns.Fields.Select(f => f.Name).ToArray(), BatchRows = options.BatchRows };
        var split = _files.Length < options.EffectiveTargetScanPartitions;
        var parts = new List<ScanPartition>();
        foreach (var (path, size, modified) in _files)
        {
            var ranges = Local && split && size > 2 * options.ScanPartitionBytes
                ? CsvReader.SplitRanges(path, options.ScanPartitionBytes, Options)
                : [new CsvFileRange(path, 0, size, true)];
            parts.AddRange(ranges.Select(r => new CsvRangePartition(r, Schema, read, columns, size, modified)));
        }
        return parts;
    }

    internal override double? SampleDistinctRatio(IReadOnlyList<string> columns)
    {
        if (!Local)
            return null;
        var (path, size, _) = _files[0];
        var options = Options with { Columns = columns.ToArray(), BatchRows = 4096 };
        using var sample = CsvReader.ReadRange(new CsvFileRange(path, 0, size, true), Schema, options).FirstOrDefault();
        if (sample is null || sample.Length == 0)
            return null;
        var distinct = new DistinctKernel(sample.Schema, Enumerable.Range(0, sample.ColumnCount).ToArray());
        distinct.Consume(sample).Dispose();
        return distinct.Count / (double)sample.Length;
    }
}
