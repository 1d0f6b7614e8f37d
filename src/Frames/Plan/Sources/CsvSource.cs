using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Execution.Kernels;
using FramesNet.Formats.Csv;
using FramesNet.Physical;

namespace FramesNet.Plan;

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

    /// <summary>One byte range of one file; its spec names the file's size and modification time, so a changed file changes the task key.</summary>
    internal sealed class CsvRangePartition(CsvFileRange range, Schema fileSchema, CsvReadOptions options, Schema columns, long size, DateTime modified)
        : ScanPartition
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
}
