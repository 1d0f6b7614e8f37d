using FramesNet.Cluster;
using FramesNet.Physical;
using Proto = FramesNet.Rpc.Protocol;

namespace FramesNet.Formats.Csv;

/// <summary>CSV as a <see cref="FileFormat"/>: a piece is a byte range (<c>CsvRangeScan</c>); a description is the inferred schema.</summary>
internal sealed class CsvFormat : FileFormat
{
    public static readonly CsvFormat Instance = new();

    public override string DisplayName => "CSV";

    public override string Name => "csv";

    internal override ScanPartition DecodeScan(ReadOnlySpan<byte> spec)
    {
        var csv = Proto.CsvRangeScan.Parser.ParseFrom(spec);
        var columns = SchemaCodec.FromProto(csv.Columns);
        var options = CsvOptionsCodec.FromProto(csv.Options);
        var fileSchema = options.Schema ?? throw new CodecException($"CSV scan of {csv.Path}: the file schema is missing");
        return new CsvRangePartition(new CsvFileRange(csv.Path, csv.Start, csv.End, csv.IsFirst), fileSchema,
            options with { Columns = columns.Fields.Select(f => f.Name).ToArray() }, columns, csv.Size, new DateTime(csv.ModifiedTicks, DateTimeKind.Utc));
    }

    /// <summary>The schema <see cref="CsvReader"/> infers from a sample of the files' rows (or the options' own).</summary>
    internal override FileDescription Describe(IReadOnlyList<string> paths, ReadOnlySpan<byte> options)
    {
        var read = options.IsEmpty ? new CsvReadOptions() : CsvOptionsCodec.FromProto(Proto.CsvOptions.Parser.ParseFrom(options));
        return new FileDescription(CsvReader.Open(paths, read).FileSchema, []);
    }
}
