using FramesNet.Cluster;
using FramesNet.Physical;
using Proto = FramesNet.Rpc.Protocol;

namespace FramesNet.Formats.Arrow;

/// <summary>Arrow IPC as a <see cref="FileFormat"/>: a piece is a range of batches or a whole file (<c>ArrowFileScan</c>).</summary>
internal sealed class ArrowFormat : FileFormat
{
    public static readonly ArrowFormat Instance = new();

    public override string DisplayName => "Arrow";

    public override string Name => "arrow";

    internal override ScanPartition DecodeScan(ReadOnlySpan<byte> spec)
    {
        var arrow = Proto.ArrowFileScan.Parser.ParseFrom(spec);
        return new ArrowPartition(arrow.Path, arrow.Size, new DateTime(arrow.ModifiedTicks, DateTimeKind.Utc),
            arrow.WholeFile ? null : arrow.StreamFormat ? ArrowIpcFormat.Stream : ArrowIpcFormat.File, arrow.FirstBatch, arrow.EndBatch,
            SchemaCodec.FromProto(arrow.Columns), arrow.Indices.ToArray());
    }

    /// <summary>The columns as plans see them (dictionary-encoded fields as their value type); all files must have the same.</summary>
    internal override FileDescription Describe(IReadOnlyList<string> paths, ReadOnlySpan<byte> options) => new(new ArrowSource(paths).Schema, []);
}
