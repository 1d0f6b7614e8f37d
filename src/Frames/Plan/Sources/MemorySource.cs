using System.Security.Cryptography;
using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Expressions;
using FramesNet.Physical;

namespace FramesNet.Plan;

/// <summary>Batches already in memory (<c>Frames.FromColumns</c>, a collected <see cref="Table"/>), cut into partitions of about equal rows.</summary>
public sealed class MemorySource : DataSource
{
    private readonly IReadOnlyList<RecordBatch> _batches;
    private readonly int _partitions;
    private readonly Lazy<string> _fingerprint;
    private const long HashedRowLimit = 100_000;

    public MemorySource(Schema schema, IReadOnlyList<RecordBatch> batches, int partitions = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        // The source's schema gives logical types; each batch may store a column plain or dictionary-encoded.
        schema = schema.Logical();
        foreach (var batch in batches)
            if (batch.ColumnCount != schema.Count || batch.Schema.Fields.Zip(schema.Fields).Any(p => p.First.Type.Logical != p.Second.Type))
                throw new ArgumentException($"a batch has columns ({string.Join(", ", batch.Schema.Fields)}), the source ({string.Join(", ", schema.Fields)})");
        Schema = schema;
        _batches = batches;
        _partitions = partitions;
        Rows = batches.Sum(b => (long)b.Length);
        _fingerprint = new Lazy<string>(ContentHash);
    }

    public override Schema Schema { get; }

    public long Rows { get; }

    public override long EstimatedBytes => _batches.Sum(b => b.Columns.Sum(c => (long)c.Buffers.Sum(x => x.Length)));

    public override string Describe() => $"memory [{Rows:N0} rows, {_partitions} partition{(_partitions == 1 ? "" : "s")}]";

    internal override IReadOnlyList<ScanPartition> Partitions(Schema columns, PhysicalOptions options)
    {
        var indices = columns.Fields.Select(f => Schema.IndexOf(f.Name)).ToArray();
        var parts = new List<ScanPartition>();
        for (var p = 0; p < _partitions; p++)
        {
            var start = Rows * p / _partitions;
            var end = Rows * (p + 1) / _partitions;
            // The rows, not the partition's number: one source cut two ways (a self-join) gives different pieces.
            parts.Add(new MemoryPartition(this, columns, indices, start, end, $"{_fingerprint.Value}/{start}-{end}"));
        }
        return parts;
    }

    internal override double? SampleDistinctRatio(IReadOnlyList<string> columns)
    {
        var sample = _batches.FirstOrDefault(b => b.Length > 0);
        if (sample is null)
            return null;
        var rows = Math.Min(sample.Length, 4096);
        var seen = new HashSet<string>();
        var indices = columns.Select(Schema.IndexOf).ToArray();
        for (var r = 0; r < rows; r++)
            seen.Add(string.Join('\u0001', indices.Select(c => ValueFormatter.Format(sample.Column(c), r) ?? "\u0000")));
        return seen.Count / (double)rows;
    }

    /// <summary>Rows [start, end) of the whole source, as slices of the batches (no copy).</summary>
    internal IEnumerable<RecordBatch> Read(long start, long end, int[] columns, Schema schema)
    {
        long position = 0;
        foreach (var batch in _batches)
        {
            long from = Math.Max(start, position), to = Math.Min(end, position + batch.Length);
            if (from < to)
            {
                var slice = batch.Slice((int)(from - position), (int)(to - from));
                yield return RecordBatch.ForSchema(schema, columns.Select(slice.Column).ToArray(), slice.Length);
            }
            position += batch.Length;
            if (position >= end)
                yield break;
        }
    }

    /// <summary>
    /// SHA-256 over every value's text, so equal data gives equal task keys across runs. Above
    /// <see cref="HashedRowLimit"/> rows hashing would cost more than it saves: a random identity is used.
    /// </summary>
    private string ContentHash()
    {
        if (Rows > HashedRowLimit)
            return $"instance-{Guid.NewGuid():N}";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Join(";", Schema.Fields)));
        foreach (var batch in _batches)
        {
            // Column by column within a batch: its length says where one column ends, so rows cut into batches differently hash differently.
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"\u0002{batch.Length}\u0002"));
            for (var c = 0; c < batch.ColumnCount; c++)
                for (var r = 0; r < batch.Length; r++)
                    hash.AppendData(System.Text.Encoding.UTF8.GetBytes((ValueFormatter.Format(batch.Column(c), r) ?? "\u0000") + "\u0001"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 12));
    }

    internal sealed class MemoryPartition(MemorySource source, Schema schema, int[] columns, long start, long end, string identity) : ScanPartition
    {
        /// <summary>The partition's rows (shared with the source's batches).</summary>
        internal IEnumerable<RecordBatch> Rows() => source.Read(start, end, columns, Schema);

        public override Schema Schema { get; } = schema;

        public override long Bytes => 0;

        public override string Describe() => $"Memory rows [{start}, {end})";

        public override string Spec => $"memory {identity} [{string.Join(",", columns)}]";

        public override IEnumerable<RecordBatch> Read(TaskContext context)
        {
            foreach (var batch in source.Read(start, end, columns, Schema))
            {
                context.CountRead(batch.Length, 0);
                yield return batch;
            }
        }
    }
}
