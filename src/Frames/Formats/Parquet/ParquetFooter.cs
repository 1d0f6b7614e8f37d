using System.Runtime.InteropServices;
using FramesNet.Columns;
using ParquetSharp;
using ParquetSharp.Arrow;
using Proto = FramesNet.Rpc.Protocol;

namespace FramesNet.Formats.Parquet;

/// <summary>
/// A Parquet file's footer as Frames plans with it: the columns (as <see cref="ParquetTypes"/> maps them) and, per row
/// group, its rows, bytes and per-column statistics. A file that is not Parquet, is truncated or has a broken footer is a
/// <see cref="ParquetFormatException"/> naming it.
/// </summary>
internal static class ParquetFooter
{
    public static (Schema Schema, Proto.ParquetFileFacts Facts) Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"{path} does not exist", path);
        return Guard(path, null, () =>
        {
            using var reader = new FileReader(path);
            var (schema, _) = ParquetTypes.ToFrames(reader.Schema, path);
            var facts = new Proto.ParquetFileFacts { Path = path, Size = info.Length, ModifiedTicks = info.LastWriteTimeUtc.Ticks };
            using var file = reader.ParquetReader;
            using var metadata = file.FileMetaData;
            if (metadata.NumColumns != schema.Count)
                throw new ParquetFormatException(path, $"has {metadata.NumColumns} leaf columns for {schema.Count} fields (nested columns are not read)");
            for (var g = 0; g < metadata.NumRowGroups; g++)
            {
                using var group = file.RowGroup(g);
                var groupData = group.MetaData;
                var facts1 = new Proto.ParquetRowGroupFacts { Rows = groupData.NumRows };
                for (var c = 0; c < schema.Count; c++)
                {
                    using var chunk = groupData.GetColumnChunkMetaData(c);
                    var stats = new Proto.ParquetColumnStats
                    {
                        CompressedBytes = chunk.TotalCompressedSize,
                        Dictionary = chunk.Encodings.Any(e => e is Encoding.PlainDictionary or Encoding.RleDictionary),
                    };
                    if (g == 0 && c == 0)
                        facts1.FileOffset = chunk.FileOffset;
                    facts1.Bytes += chunk.TotalCompressedSize;
                    if (chunk.IsStatsSet)
                        Fill(stats, chunk, schema[c].Type);
                    facts1.Columns.Add(stats);
                }
                facts.RowGroups.Add(facts1);
            }
            return (schema, facts);
        });
    }

    /// <summary>Runs a read of <paramref name="path"/>, turning the native library's errors into ones that name the file (and where).</summary>
    internal static T Guard<T>(string path, string? where, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ParquetException e)
        {
            throw new ParquetFormatException(path, $"{(where is null ? "" : where + ": ")}not a readable Parquet file: {Clean(e.Message)}", e);
        }
        catch (Exception e) when (e is not (ParquetFormatException or OperationCanceledException or OutOfMemoryException or FileNotFoundException or UnauthorizedAccessException))
        {
            throw new ParquetFormatException(path, $"{(where is null ? "" : where + ": ")}not a readable Parquet file: {Clean(e.Message)}", e);
        }
    }

    internal static string Clean(string message)
    {
        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
        return line.Trim();
    }

    private static void Fill(Proto.ParquetColumnStats stats, ColumnChunkMetaData chunk, DataType type)
    {
        using var statistics = chunk.Statistics;
        if (statistics is null)
            return;
        stats.HasNullCount = true;
        stats.NullCount = statistics.NullCount;
        if (!statistics.HasMinMax)
            return;
        var id = type.Id == TypeId.Dictionary ? type.ValueType!.Id : type.Id;
        (stats.Min, stats.Max) = (statistics, id) switch
        {
            (Statistics<int> s, TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Date32) => (Integer(s.Min), Integer(s.Max)),
            (Statistics<long> s, TypeId.Int64 or TypeId.Timestamp) => (Integer(s.Min), Integer(s.Max)),
            (Statistics<float> s, TypeId.Float32) when !float.IsNaN(s.Min) && !float.IsNaN(s.Max) => (Real(s.Min), Real(s.Max)),
            (Statistics<double> s, TypeId.Float64) when !double.IsNaN(s.Min) && !double.IsNaN(s.Max) => (Real(s.Min), Real(s.Max)),
            (Statistics<ByteArray> s, TypeId.Utf8 or TypeId.LargeUtf8 or TypeId.Binary or TypeId.LargeBinary) => (Bytes(s.Min), Bytes(s.Max)),
            _ => (null, null),
        };
    }

    private static Proto.ParquetStatValue Integer(long value) => new() { Integer = value };

    private static Proto.ParquetStatValue Real(double value) => new() { Real = value };

    private static Proto.ParquetStatValue Bytes(ByteArray value)
    {
        var bytes = new byte[value.Length];
        if (value.Length > 0)
            Marshal.Copy(value.Pointer, bytes, 0, value.Length);
        return new Proto.ParquetStatValue { Text = Google.Protobuf.ByteString.CopyFrom(bytes) };
    }

    /// <summary>A column chunk's statistics as pruning reads them.</summary>
    public static ValueRange Range(Proto.ParquetColumnStats stats, long rows) => new(
        Value(stats.Min), Value(stats.Max), stats.HasNullCount ? stats.NullCount : null, rows);

    private static object? Value(Proto.ParquetStatValue? value) => value?.KindCase switch
    {
        Proto.ParquetStatValue.KindOneofCase.Integer => value.Integer,
        Proto.ParquetStatValue.KindOneofCase.Real => value.Real,
        Proto.ParquetStatValue.KindOneofCase.Text => value.Text.ToByteArray(),
        _ => null,
    };
}
