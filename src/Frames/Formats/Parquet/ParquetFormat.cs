using FramesNet.Physical;
using Google.Protobuf;
using Proto = FramesNet.Rpc.Protocol;

namespace FramesNet.Formats.Parquet;

/// <summary>Parquet as a <see cref="FileFormat"/>: a piece is some row groups of a file (<c>ParquetScan</c>); a description is the footers' facts.</summary>
internal sealed class ParquetFormat : FileFormat
{
    public static readonly ParquetFormat Instance = new();

    public override string DisplayName => "Parquet";

    public override string Name => "parquet";

    internal override ScanPartition DecodeScan(ReadOnlySpan<byte> spec) => ParquetPartition.Decode(spec);

    /// <summary>The files' columns (without Hive partition columns: the client adds those from the paths) and every row group's statistics.</summary>
    internal override FileDescription Describe(IReadOnlyList<string> paths, ReadOnlySpan<byte> options)
    {
        var source = new ParquetSource(paths, new ParquetReadOptions { HivePartitions = false });
        var facts = new Proto.ParquetFacts();
        facts.Files.AddRange(source.Files);
        return new FileDescription(source.Schema, facts.ToByteArray());
    }
}
