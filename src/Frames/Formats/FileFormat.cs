using FramesNet.Physical;

namespace FramesNet.Formats;

/// <summary>
/// A file format plug-in: how the pieces of a scan over its files travel to a worker and how a worker describes its
/// files to a client that cannot see them. What the logical plan needs from files (schema, size, statistics, which
/// filters can skip data) is the format's <see cref="Plan.DataSource"/>; how a piece is read is its
/// <see cref="FileScanPartition"/>. A format is one folder under <c>Formats/</c> plus one line in <see cref="FileFormats"/>;
/// the optimiser, the planner, the task codec and the cluster never ask which format they hold.
/// </summary>
internal abstract class FileFormat
{
    /// <summary>The format's name in task specs and RPCs: <c>csv</c>, <c>arrow</c>, <c>parquet</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The format's name in messages: <c>CSV</c>, <c>Arrow</c>, <c>Parquet</c>.</summary>
    public abstract string DisplayName { get; }

    /// <summary>Rebuilds a scan piece on a worker from what <see cref="FileScanPartition.EncodeSpec"/> wrote.</summary>
    internal abstract ScanPartition DecodeScan(ReadOnlySpan<byte> spec);

    /// <summary>
    /// What a worker that holds <paramref name="paths"/> tells a client about them (the cluster's DescribeFiles call):
    /// the columns as plans see them, and the format's own facts for planning (e.g. Parquet's row groups and their
    /// statistics), encoded as the format likes. <paramref name="options"/> are the reader's options as the format encoded them.
    /// </summary>
    internal abstract FileDescription Describe(IReadOnlyList<string> paths, ReadOnlySpan<byte> options);
}

/// <summary>A worker's description of files: their schema and the format's own planning facts (opaque to everyone else).</summary>
internal sealed record FileDescription(Columns.Schema Schema, byte[] Facts);
