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
