using FramesNet.Interop;
using FramesNet.Plan;
using A = Apache.Arrow;

namespace FramesNet;

public static partial class Frames
{
    /// <summary>
    /// A DataFrame over Apache.Arrow record batches, without copying their values (managed or native memory alike).
    /// Frames takes ownership of the batches: each is disposed once every Frames batch holding its buffers is disposed
    /// (for a frame's own batches, when the frame is collected), so do not dispose them yourself.
    /// <paramref name="schema"/> is needed only when there may be no batch; otherwise it is the first batch's.
    /// </summary>
    public static DataFrame FromArrow(IEnumerable<A.RecordBatch> batches, A.Schema? schema = null, FramesContext? context = null, int partitions = 1)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var list = batches.ToList();
        var apacheSchema = schema ?? (list.Count > 0 ? list[0].Schema
            : throw new ArgumentException("FromArrow needs a schema when there is no batch", nameof(schema)));
        var framesSchema = ApacheArrowTypes.ToFrames(apacheSchema);
        var converted = new List<Columns.RecordBatch>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            if (!ApacheArrowTypes.ToFrames(list[i].Schema).Equals(framesSchema))
                throw new ArgumentException($"batch {i} has schema [{string.Join(", ", list[i].Schema.FieldsList.Select(f => $"{f.Name}: {f.DataType.Name}"))}], " +
                    $"unlike [{string.Join(", ", apacheSchema.FieldsList.Select(f => $"{f.Name}: {f.DataType.Name}"))}]", nameof(batches));
            converted.Add(ApacheArrowImport.ToFrames(list[i], takeOwnership: true, framesSchema));
        }
        return new(new ScanNode(new MemorySource(framesSchema, converted, partitions)), context ?? FramesContext.Local);
    }

    /// <summary>
    /// A DataFrame over an <c>Apache.Arrow.Table</c>, without copying its values: one Frames batch per run of rows where
    /// every column's chunks line up (columns chunked differently are cut at every chunk boundary of any column).
    /// The table stays yours: Frames disposes none of its arrays, so keep them undisposed while the frame and its
    /// results are used (managed and native memory alike stay alive while Frames holds them).
    /// </summary>
    public static DataFrame FromArrow(A.Table table, FramesContext? context = null, int partitions = 1)
    {
        ArgumentNullException.ThrowIfNull(table);
        var framesSchema = ApacheArrowTypes.ToFrames(table.Schema);
        var converted = new List<Columns.RecordBatch>();
        foreach (var batch in AlignedBatches(table))
            converted.Add(ApacheArrowImport.ToFrames(batch, takeOwnership: false, framesSchema));
        return new(new ScanNode(new MemorySource(framesSchema, converted, partitions)), context ?? FramesContext.Local);
    }

    /// <summary>The table's rows as Apache.Arrow batches over its chunks (sliced where the columns' chunks do not line up).</summary>
    private static IEnumerable<A.RecordBatch> AlignedBatches(A.Table table)
    {
        var columns = table.ColumnCount;
        if (columns == 0)
        {
            if (table.RowCount > 0)
                yield return new A.RecordBatch(table.Schema, [], checked((int)table.RowCount));
            yield break;
        }
        var chunk = new int[columns];   // the chunk each column is in
        var offset = new int[columns];  // rows of that chunk already taken
        for (long done = 0; done < table.RowCount;)
        {
            var length = int.MaxValue;
            for (var c = 0; c < columns; c++)
            {
                var data = table.Column(c).Data;
                while (offset[c] == data.ArrowArray(chunk[c]).Length) // an exhausted or empty chunk: the next one
                {
                    chunk[c]++;
                    offset[c] = 0;
                }
                length = Math.Min(length, data.ArrowArray(chunk[c]).Length - offset[c]);
            }
            var arrays = new A.IArrowArray[columns];
            for (var c = 0; c < columns; c++)
            {
                var array = table.Column(c).Data.ArrowArray(chunk[c]);
                arrays[c] = offset[c] == 0 && length == array.Length ? array : A.ArrowArrayFactory.Slice(array, offset[c], length);
                offset[c] += length;
            }
            done += length;
            yield return new A.RecordBatch(table.Schema, arrays, length);
        }
    }

    /// <summary>
    /// A DataFrame over every batch an Apache.Arrow IPC reader (<c>Apache.Arrow.Ipc.ArrowStreamReader</c>, or its subclass
    /// <c>ArrowFileReader</c>) yields, read now; the batches are owned as for <see cref="FromArrow(IEnumerable{A.RecordBatch}, A.Schema?, FramesContext?, int)"/>.
    /// (Frames' own <see cref="ReadArrow(string, FramesContext?)"/> reads IPC files lazily and faster; this is for a reader you already have.)
    /// </summary>
    public static DataFrame FromArrow(A.Ipc.ArrowStreamReader reader, FramesContext? context = null, int partitions = 1)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var batches = new List<A.RecordBatch>();
        while (reader.ReadNextRecordBatch() is { } batch)
            batches.Add(batch);
        return FromArrow(batches, reader.Schema, context, partitions);
    }
}
