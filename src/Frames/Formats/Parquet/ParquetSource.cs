using FramesNet.Columns;
using FramesNet.Expressions;
using FramesNet.Physical;
using FramesNet.Plan;
using Proto = FramesNet.Rpc.Protocol;

namespace FramesNet.Formats.Parquet;

/// <summary>
/// Parquet files with one schema (the files' columns, then any Hive partition columns). What planning needs comes from
/// the footers, read once when the source is made: the schema, sizes, and each row group's rows, bytes and statistics.
/// A scan's pieces are row groups — small ones combined, never one split (Parquet's smallest unit here); a filter skips
/// the row groups whose statistics, and the files whose partition values, rule every row out.
/// </summary>
public sealed class ParquetSource : DataSource
{
    private readonly Proto.ParquetFileFacts[] _files;
    private readonly HivePartitions _hive;
    private readonly int _fileColumns;

    public ParquetSource(IReadOnlyList<string> paths, ParquetReadOptions? options = null)
        : this(ReadFooters(paths), options ?? new ParquetReadOptions())
    {
    }

    /// <summary>Parquet files this process may not see (on cluster workers), described by a worker that read their footers.</summary>
    internal ParquetSource(Schema fileSchema, Proto.ParquetFacts facts, ParquetReadOptions? options)
        : this((fileSchema, facts.Files.ToArray()), options ?? new ParquetReadOptions())
    {
    }

    private ParquetSource((Schema Schema, Proto.ParquetFileFacts[] Files) footers, ParquetReadOptions options)
    {
        if (footers.Files.Length == 0)
            throw new ArgumentException("no Parquet files to read", nameof(footers));
        _files = footers.Files;
        _fileColumns = footers.Schema.Count;
        _hive = options.HivePartitions ? HivePartitions.Of(_files.Select(f => f.Path).ToArray()) : HivePartitions.None(_files.Length);
        foreach (var field in _hive.Fields)
            if (footers.Schema.TryIndexOf(field.Name) >= 0)
                throw new FormatException($"{_files[0].Path}: the partition folder key '{field.Name}' is also a column of the file; turn HivePartitions off or rename the folder");
        Schema = new Schema(footers.Schema.Fields.Concat(_hive.Fields));
        Options = options;
    }

    public ParquetReadOptions Options { get; }

    public override Schema Schema { get; }

    public override long EstimatedBytes => _files.Sum(f => f.Size);

    /// <summary>Rows in all files, from their footers.</summary>
    public long Rows => _files.Sum(f => f.RowGroups.Sum(g => g.Rows));

    public IReadOnlyList<string> Paths => _files.Select(f => f.Path).ToArray();

    internal IReadOnlyList<Proto.ParquetFileFacts> Files => _files;

    public override string Describe()
    {
        var where = _files.Length == 1 ? _files[0].Path : $"{Path.GetDirectoryName(_files[0].Path)}/{{{_files.Length} files}}";
        var groups = _files.Sum(f => f.RowGroups.Count);
        return $"parquet [{_files.Length} file{(_files.Length == 1 ? "" : "s")}, {groups} row group{(groups == 1 ? "" : "s")}, {FormatBytes(EstimatedBytes)}] {where}";
    }

    public override string? DescribePushdown(IReadOnlyList<string> columns, Expr? filter)
    {
        var usable = StatisticsPruning.Usable(filter, Schema);
        var parts = new List<string> { $"columns {columns.Count(c => Schema.IndexOf(c) < _fileColumns)} of {_fileColumns}" };
        if (usable.Count > 0)
        {
            var (kept, total) = Prune(filter).Aggregate((0, 0), (a, f) => (a.Item1 + f.Groups.Count, a.Item2 + f.Total));
            parts.Add($"row-group filter [{string.Join(" AND ", usable)}]: {total - kept} of {total} row groups skipped");
        }
        return string.Join(", ", parts);
    }

    internal override IReadOnlyList<ScanPartition> Partitions(Schema columns, PhysicalOptions options) => Partitions(columns, null, options);

    internal override IReadOnlyList<ScanPartition> Partitions(Schema columns, Expr? filter, PhysicalOptions options)
    {
        var fileColumns = columns.Fields.Where(f => Schema.IndexOf(f.Name) < _fileColumns).Select(f => Schema.IndexOf(f.Name)).ToArray();
        var hiveColumns = columns.Fields.Where(f => Schema.IndexOf(f.Name) >= _fileColumns).Select(f => Schema.IndexOf(f.Name) - _fileColumns).ToArray();
        var kept = Prune(filter);
        var keptBytes = kept.Sum(f => f.Groups.Sum(g => Bytes(_files[f.File].RowGroups[g], fileColumns)));
        // Combine row groups up to the partition size, but keep enough pieces to busy every core.
        var target = Math.Max(1, Math.Min(options.ScanPartitionBytes, keptBytes / Math.Max(1, options.EffectiveTargetScanPartitions)));
        var parts = new List<ScanPartition>();
        foreach (var (f, groups, _) in kept)
        {
            var file = _files[f];
            var values = hiveColumns.Select(k => _hive.Values[f][k]).ToArray();
            var piece = new List<int>();
            long bytes = 0;
            foreach (var g in groups)
            {
                piece.Add(g);
                bytes += Bytes(file.RowGroups[g], fileColumns);
                if (bytes >= target)
                {
                    parts.Add(new ParquetPartition(file.Path, file.Size, file.ModifiedTicks, [.. piece], fileColumns, columns, values, bytes, options.BatchRows,
                        DictionaryColumns(file, piece, fileColumns)));
                    (piece, bytes) = ([], 0);
                }
            }
            if (piece.Count > 0)
                parts.Add(new ParquetPartition(file.Path, file.Size, file.ModifiedTicks, [.. piece], fileColumns, columns, values, bytes, options.BatchRows,
                    DictionaryColumns(file, piece, fileColumns)));
        }
        if (parts.Count == 0)
            parts.Add(new ParquetPartition(_files[0].Path, _files[0].Size, _files[0].ModifiedTicks, [], fileColumns, columns,
                hiveColumns.Select(k => _hive.Values[0][k]).ToArray(), 0, options.BatchRows, []));
        return parts;
    }

    /// <summary>Per file, the row groups <paramref name="filter"/> may keep rows of (all of them without a filter), and how many it has.</summary>
    private List<(int File, List<int> Groups, int Total)> Prune(Expr? filter)
    {
        var result = new List<(int, List<int>, int)>(_files.Length);
        for (var f = 0; f < _files.Length; f++)
        {
            var file = _files[f];
            var total = file.RowGroups.Count;
            var rows = file.RowGroups.Sum(g => g.Rows);
            if (_hive.Fields.Count > 0 && !StatisticsPruning.MayMatch(filter, Schema, name => HiveRange(f, name, rows)))
            {
                result.Add((f, [], total));
                continue;
            }
            var groups = new List<int>(total);
            for (var g = 0; g < total; g++)
            {
                var group = file.RowGroups[g];
                if (group.Rows > 0 && StatisticsPruning.MayMatch(filter, Schema, name => ColumnRange(f, group, name)))
                    groups.Add(g);
            }
            result.Add((f, groups, total));
        }
        return result;
    }

    private ValueRange? ColumnRange(int file, Proto.ParquetRowGroupFacts group, string name)
    {
        var index = Schema.IndexOf(name);
        if (index >= _fileColumns)
            return HiveRange(file, name, group.Rows);
        return index < group.Columns.Count ? ParquetFooter.Range(group.Columns[index], group.Rows) : null;
    }

    private ValueRange? HiveRange(int file, string name, long rows)
    {
        var index = Schema.IndexOf(name) - _fileColumns;
        if (index < 0)
            return null;
        var value = HivePartitions.Typed(_hive.Values[file][index], _hive.Fields[index].Type);
        var bound = value is string s ? System.Text.Encoding.UTF8.GetBytes(s) : value;
        return new ValueRange(bound, bound, value is null ? rows : 0, rows);
    }

    /// <summary>
    /// The string and binary columns every chunk of <paramref name="groups"/> stores dictionary-encoded: read as
    /// dictionaries (indices into one dictionary per row group), not decoded into plain strings.
    /// </summary>
    private int[] DictionaryColumns(Proto.ParquetFileFacts file, List<int> groups, int[] columns) =>
        [.. columns.Where(c => Schema[c].Type.Id is TypeId.Utf8 or TypeId.Binary && groups.All(g => file.RowGroups[g].Columns[c].Dictionary))];

    private static long Bytes(Proto.ParquetRowGroupFacts group, int[] columns) =>
        columns.Length == 0 ? Math.Max(1, group.Bytes / Math.Max(1, group.Columns.Count)) : columns.Sum(c => group.Columns[c].CompressedBytes);

    private static (Schema, Proto.ParquetFileFacts[]) ReadFooters(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
            throw new ArgumentException("no Parquet files to read", nameof(paths));
        Schema? schema = null;
        var files = new Proto.ParquetFileFacts[paths.Count];
        for (var i = 0; i < paths.Count; i++)
        {
            var (fileSchema, facts) = ParquetFooter.Read(paths[i]);
            if (schema is null)
                schema = fileSchema;
            else if (!SameColumns(schema, fileSchema))
                throw new ParquetFormatException(paths[i],
                    $"has columns ({string.Join(", ", fileSchema.Fields)}) but {paths[0]} has ({string.Join(", ", schema.Fields)}); the files of one read need the same columns and types");
            files[i] = facts;
        }
        return (schema!, files);
    }

    private static bool SameColumns(Schema a, Schema b) =>
        a.Count == b.Count && a.Fields.Zip(b.Fields).All(p => p.First.Name == p.Second.Name && p.First.Type == p.Second.Type);
}
