using FramesNet.Cluster;
using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Expressions.Evaluation;
using FramesNet.Interop;
using Google.Protobuf;
using ParquetSharp.Arrow;
using A = Apache.Arrow;
using Proto = FramesNet.Rpc.Protocol;

namespace FramesNet.Formats.Parquet;

/// <summary>
/// Some row groups of one Parquet file, some of its columns. ParquetSharp decodes the column chunks into Arrow batches
/// in native memory; each becomes a Frames batch over that memory without a copy (decimals excepted: converted to
/// float64), released when the Frames batch is. Hive partition columns are added as constants.
/// </summary>
internal sealed class ParquetPartition(string path, long size, long modifiedTicks, int[] rowGroups, int[] leafColumns, Schema columns,
    string?[] partitionValues, long bytes, int batchRows, int[] dictionaryLeaves) : FileScanPartition
{
    public override FileFormat Format => ParquetFormat.Instance;

    public override Schema Schema { get; } = columns;

    public override string? FilePath => path;

    public override long Bytes => bytes;

    internal IReadOnlyList<int> RowGroups => rowGroups;

    public override string Describe() => rowGroups.Length switch
    {
        0 => $"ParquetScan {Path.GetFileName(path)} no row groups",
        1 => $"ParquetScan {Path.GetFileName(path)} row group {rowGroups[0]}",
        _ when rowGroups[^1] - rowGroups[0] == rowGroups.Length - 1 => $"ParquetScan {Path.GetFileName(path)} row groups [{rowGroups[0]}, {rowGroups[^1] + 1})",
        _ => $"ParquetScan {Path.GetFileName(path)} row groups {string.Join(",", rowGroups)}",
    };

    public override string Spec =>
        $"parquet {path} size={size} mtime={modifiedTicks} groups=[{string.Join(",", rowGroups)}] leaves=[{string.Join(",", leafColumns)}] " +
        $"columns=[{string.Join(",", Schema.Fields)}] partition=[{string.Join(",", partitionValues)}] dictionaries=[{string.Join(",", dictionaryLeaves)}]";

    public override byte[] EncodeSpec()
    {
        var message = new Proto.ParquetScan
        {
            Path = path,
            Size = size,
            ModifiedTicks = modifiedTicks,
            Columns = SchemaCodec.ToProto(Schema),
            Bytes = bytes,
            BatchRows = batchRows,
        };
        message.RowGroups.AddRange(rowGroups);
        message.LeafColumns.AddRange(leafColumns);
        message.PartitionValues.AddRange(partitionValues.Select(v => v ?? "\0"));
        message.DictionaryLeaves.AddRange(dictionaryLeaves);
        return message.ToByteArray();
    }

    internal static ParquetPartition Decode(ReadOnlySpan<byte> spec)
    {
        var message = Proto.ParquetScan.Parser.ParseFrom(spec);
        return new ParquetPartition(message.Path, message.Size, message.ModifiedTicks, [.. message.RowGroups], [.. message.LeafColumns],
            SchemaCodec.FromProto(message.Columns), message.PartitionValues.Select(v => v == "\0" ? null : v).ToArray(), message.Bytes, message.BatchRows,
            [.. message.DictionaryLeaves]);
    }

    public override IEnumerable<RecordBatch> Read(TaskContext context)
    {
        foreach (var batch in ReadBatches())
        {
            context.CountRead(batch.Length, 0);
            yield return batch;
        }
        context.CountRead(0, bytes);
    }

    /// <summary>The piece's batches, in row order.</summary>
    internal IEnumerable<RecordBatch> ReadBatches()
    {
        if (rowGroups.Length == 0)
            yield break;
        var where = rowGroups.Length == 1 ? $"row group {rowGroups[0]}" : $"row groups {string.Join(",", rowGroups)}";
        var fileColumns = new Schema(Schema.Fields.Take(leafColumns.Length));
        using var properties = ArrowReaderProperties.GetDefault();
        properties.BatchSize = Math.Max(1, batchRows);
        properties.CoerceInt96TimestampUnit = Apache.Arrow.Types.TimeUnit.Nanosecond;
        foreach (var leaf in dictionaryLeaves)
            properties.SetReadDictionary(leaf, true);
        var (reader, kinds) = ParquetFooter.Guard(path, null, () =>
        {
            var opened = new FileReader(path, null, properties);
            try
            {
                var (schema, kinds) = ParquetTypes.ToFrames(opened.Schema, path);
                for (var i = 0; i < leafColumns.Length; i++)
                {
                    var found = leafColumns[i] < schema.Count ? schema[leafColumns[i]] : null;
                    if (found is null || found.Name != fileColumns[i].Name || found.Type != fileColumns[i].Type)
                        throw new ParquetFormatException(path, $"has columns ({string.Join(", ", schema.Fields)}), not the {fileColumns[i]} the scan reads as column {leafColumns[i] + 1} (did the file change?)");
                }
                return (opened, leafColumns.Select(c => kinds[c]).ToArray());
            }
            catch
            {
                opened.Dispose();
                throw;
            }
        });
        using (reader)
        {
            // No columns (a row count): read the first one only for its length (an empty list would mean every column).
            using var stream = ParquetFooter.Guard(path, where, () => reader.GetRecordBatchReader(rowGroups, leafColumns.Length == 0 ? [0] : leafColumns));
            while (true)
            {
                var batch = ParquetFooter.Guard(path, where, () => stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult());
                if (batch is null)
                    break;
                var frames = ToFrames(batch, fileColumns, kinds);
                try
                {
                    ParquetBatchCheck.Check(frames, path, where);
                }
                catch
                {
                    frames.Dispose();
                    throw;
                }
                yield return frames;
            }
        }
    }

    /// <summary>The Frames batch over <paramref name="batch"/>'s memory (owning it), with the partition columns added.</summary>
    private RecordBatch ToFrames(A.RecordBatch batch, Schema fileColumns, ParquetColumnKind[] kinds)
    {
        if (leafColumns.Length == 0)
        {
            var length = batch.Length;
            batch.Dispose();
            return RecordBatch.ForSchema(Schema, PartitionColumns(length), length);
        }
        if (kinds.Any(k => k != ParquetColumnKind.Direct))
            batch = Converted(batch, fileColumns, kinds);
        // Stored as the reader produced them (dictionary-encoded strings stay dictionaries), named as the plan names them.
        var stored = new Schema(batch.Schema.FieldsList.Select((f, i) => new Field(fileColumns[i].Name, ApacheArrowTypes.ToFrames(f.DataType, f.Name), fileColumns[i].Nullable)));
        var imported = ApacheArrowImport.ToFrames(batch, takeOwnership: true, stored);
        var result = RecordBatch.ForSchema(Schema, [.. imported.Columns, .. PartitionColumns(imported.Length)], imported.Length);
        imported.Dispose();
        return result;
    }

    /// <summary>The Hive partition columns read, as constants of <paramref name="length"/> rows.</summary>
    private Column[] PartitionColumns(int length)
    {
        var columns = new Column[partitionValues.Length];
        for (var k = 0; k < columns.Length; k++)
        {
            var field = Schema[leafColumns.Length + k];
            columns[k] = ConstantColumn.Create(HivePartitions.Typed(partitionValues[k], field.Type), field.Type, length);
        }
        return columns;
    }

    /// <summary>The batch with its decimal columns as float64 (copied), the others as they are; the decimal arrays are released.</summary>
    private static A.RecordBatch Converted(A.RecordBatch batch, Schema fileColumns, ParquetColumnKind[] kinds)
    {
        var arrays = new List<A.IArrowArray>(batch.ColumnCount);
        var fields = new List<A.Field>(batch.ColumnCount);
        for (var i = 0; i < batch.ColumnCount; i++)
        {
            var array = batch.Column(i);
            if (kinds[i] == ParquetColumnKind.DecimalAsDouble && array is A.Decimal128Array decimals)
            {
                arrays.Add(DecimalColumns.ToDouble(decimals));
                fields.Add(new A.Field(fileColumns[i].Name, A.Types.DoubleType.Default, true));
                decimals.Dispose();
            }
            else
            {
                arrays.Add(array);
                fields.Add(batch.Schema.FieldsList[i]);
            }
        }
        return new A.RecordBatch(new A.Schema(fields, null), arrays, batch.Length);
    }
}
