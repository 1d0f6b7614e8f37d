using FramesNet.Columns;
using FramesNet.Memory;
using A = Apache.Arrow;

namespace FramesNet.Interop;

/// <summary>
/// Frames record batches as Apache.Arrow record batches over the same memory: each Apache.Arrow buffer views a Frames
/// block through a <see cref="FramesMemoryManager"/>, which holds that block until the view is collected, so the
/// Apache.Arrow batch stays valid whatever happens to the Frames batch. Cost: a few objects per buffer, no values copied.
/// </summary>
internal sealed class ApacheArrowExport
{
    // A string column of no values may have no offsets buffer; Apache.Arrow reads one offset even then.
    private static readonly A.ArrowBuffer ZeroOffsets = new(new byte[sizeof(long)]);

    private readonly Dictionary<BufferOwner, FramesMemoryManager> _managers = new(ReferenceEqualityComparer.Instance);

    public static A.RecordBatch ToApache(RecordBatch batch) => new ApacheArrowExport().Batch(batch);

    public A.RecordBatch Batch(RecordBatch batch)
    {
        var schema = ApacheArrowTypes.ToApache(batch.Schema);
        var arrays = new A.IArrowArray[batch.ColumnCount];
        for (var i = 0; i < arrays.Length; i++)
            arrays[i] = A.ArrowArrayFactory.BuildArray(Data(batch.Column(i)));
        return new A.RecordBatch(schema, arrays, batch.Length);
    }

    private A.ArrayData Data(Column column)
    {
        var type = ApacheArrowTypes.ToApache(column.Type);
        if (column.Type.Id == TypeId.Null)
            return new A.ArrayData(type, column.Length, column.Length, 0, System.Array.Empty<A.ArrowBuffer>());
        var buffers = new A.ArrowBuffer[column.Buffers.Count];
        for (var b = 0; b < buffers.Length; b++)
            buffers[b] = Buffer(column.Buffers[b]);
        if (column is BinaryColumn or LargeBinaryColumn && buffers[1].IsEmpty)
            buffers[1] = ZeroOffsets;
        var dictionary = column.DictionaryValues is { } values ? Data(values) : null;
        return new A.ArrayData(type, column.Length, column.NullCount, column.Offset, buffers, null, dictionary);
    }

    private A.ArrowBuffer Buffer(ArrowBuffer buffer)
    {
        if (buffer.Owner is not { } owner)
            return A.ArrowBuffer.Empty;
        if (!_managers.TryGetValue(owner, out var manager))
            _managers.Add(owner, manager = new FramesMemoryManager(owner));
        return new A.ArrowBuffer(manager.Memory.Slice(buffer.OffsetInOwner, buffer.Length));
    }
}
