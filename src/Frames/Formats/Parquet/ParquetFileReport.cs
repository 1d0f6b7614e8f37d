using System.Globalization;
using System.Text;
using ParquetSharp;
using Proto = FramesNet.Rpc.Protocol;

namespace FramesNet.Formats.Parquet;

/// <summary>
/// A Parquet file's footer as text for <c>frames schema --verbose</c>: the writer, each row group's rows and bytes, and
/// per column chunk its compression, nulls and min/max (as Frames prunes with them).
/// </summary>
public static class ParquetFileReport
{
    public static IEnumerable<string> Describe(string path)
    {
        var (schema, facts) = ParquetFooter.Read(path);
        var (createdBy, compressions) = ParquetFooter.Guard(path, null, () =>
        {
            using var file = new ParquetFileReader(path);
            using var metadata = file.FileMetaData;
            var codecs = new string[metadata.NumRowGroups, metadata.NumColumns];
            for (var g = 0; g < metadata.NumRowGroups; g++)
            {
                using var group = file.RowGroup(g);
                for (var c = 0; c < metadata.NumColumns; c++)
                {
                    using var chunk = group.MetaData.GetColumnChunkMetaData(c);
                    codecs[g, c] = chunk.Compression.ToString().ToLowerInvariant();
                }
            }
            return (metadata.CreatedBy, codecs);
        });
        var rows = facts.RowGroups.Sum(g => g.Rows);
        yield return $"{path}: {Count(rows)} rows in {facts.RowGroups.Count} row group{(facts.RowGroups.Count == 1 ? "" : "s")}, {Count(facts.Size)} bytes, written by {createdBy}";
        for (var g = 0; g < facts.RowGroups.Count; g++)
        {
            var group = facts.RowGroups[g];
            yield return $"  row group {g}: {Count(group.Rows)} rows, {Count(group.Bytes)} bytes compressed";
            for (var c = 0; c < schema.Count; c++)
            {
                var stats = group.Columns[c];
                var text = new StringBuilder($"    {schema[c].Name}: {compressions[g, c]}, {Count(stats.CompressedBytes)} bytes");
                if (stats.HasNullCount)
                    text.Append($", {Count(stats.NullCount)} nulls");
                if (stats.Min is not null && stats.Max is not null)
                    text.Append($", min {Value(stats.Min)}, max {Value(stats.Max)}");
                yield return text.ToString();
            }
        }
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Value(Proto.ParquetStatValue value) => value.KindCase switch
    {
        Proto.ParquetStatValue.KindOneofCase.Integer => value.Integer.ToString(CultureInfo.InvariantCulture),
        Proto.ParquetStatValue.KindOneofCase.Real => value.Real.ToString("R", CultureInfo.InvariantCulture),
        _ => System.Text.Encoding.UTF8.GetString(value.Text.Span) is var s && s.Length > 40 ? $"'{s[..40]}…'" : $"'{s}'",
    };
}
