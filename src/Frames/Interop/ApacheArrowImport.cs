using System.Runtime.InteropServices;
using FramesNet.Columns;
using FramesNet.Memory;
using A = Apache.Arrow;

namespace FramesNet.Interop;

/// <summary>
/// Apache.Arrow record batches as Frames record batches over the same memory (managed arrays, native memory from
/// Apache.Arrow's allocators or the C data interface): each Apache.Arrow buffer becomes a foreign Frames block under
/// one <see cref="ForeignMemoryLease"/> per batch, which disposes the Apache.Arrow batch once Frames has let go of
/// every block. Memory that Frames handed out (<see cref="ApacheArrowExport"/>) comes back as the Frames block it is.
/// </summary>
internal sealed class ApacheArrowImport
{
    private readonly ForeignMemoryLease _lease;
    private readonly Dictionary<(object?, int, int), ArrowBuffer> _wrapped = [];

    private ApacheArrowImport(ForeignMemoryLease lease) => _lease = lease;

    /// <summary>
    /// The Frames batch over <paramref name="batch"/>'s memory. With <paramref name="takeOwnership"/>, <paramref name="batch"/>
    /// is disposed when every Frames batch holding its buffers has been disposed; without, the caller keeps it alive
    /// (and undisposed) for as long as the Frames batch is used.
    /// </summary>
    public static RecordBatch ToFrames(A.RecordBatch batch, bool takeOwnership, Schema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        schema ??= ApacheArrowTypes.ToFrames(batch.Schema);
        var lease = new ForeignMemoryLease(takeOwnership ? batch : null);
        try
        {
            var import = new ApacheArrowImport(lease);
            var columns = new Column[schema.Count];
            for (var i = 0; i < columns.Length; i++)
                columns[i] = import.Column(batch.Column(i).Data, schema[i].Type, schema[i].Name);
            return RecordBatch.ForSchema(schema, columns, batch.Length);
        }
        finally
        {
            lease.Seal();
        }
    }

    private Column Column(A.ArrayData data, DataType type, string name)
    {
        var nullCount = data.NullCount >= 0 ? data.NullCount : -1;
        var validity = Buffer(data, 0);
        switch (type.Id)
        {
            case TypeId.Null:
                return new NullColumn(data.Length);
            case TypeId.Bool:
                return new BooleanColumn(data.Length, Buffer(data, 1), validity, nullCount, data.Offset);
            case TypeId.Utf8 or TypeId.Binary:
                return new BinaryColumn(type, data.Length, Buffer(data, 1), Buffer(data, 2), validity, nullCount, data.Offset);
            case TypeId.LargeUtf8 or TypeId.LargeBinary:
                return new LargeBinaryColumn(type, data.Length, Buffer(data, 1), Buffer(data, 2), validity, nullCount, data.Offset);
            case TypeId.Dictionary:
                if (data.Dictionary is null)
                    throw new ArgumentException($"column '{name}' is dictionary-encoded but its Apache.Arrow array has no dictionary");
                var dictionary = Column(data.Dictionary, type.ValueType!, name);
                return new DictionaryColumn(type, data.Length, Buffer(data, 1), dictionary, validity, nullCount, data.Offset);
            default:
                var values = Buffer(data, 1);
                return type.Id switch
                {
                    TypeId.Int8 => new PrimitiveColumn<sbyte>(type, data.Length, values, validity, nullCount, data.Offset),
                    TypeId.Int16 => new PrimitiveColumn<short>(type, data.Length, values, validity, nullCount, data.Offset),
                    TypeId.Int32 or TypeId.Date32 => new PrimitiveColumn<int>(type, data.Length, values, validity, nullCount, data.Offset),
                    TypeId.Int64 or TypeId.Timestamp => new PrimitiveColumn<long>(type, data.Length, values, validity, nullCount, data.Offset),
                    TypeId.UInt8 => new PrimitiveColumn<byte>(type, data.Length, values, validity, nullCount, data.Offset),
                    TypeId.UInt16 => new PrimitiveColumn<ushort>(type, data.Length, values, validity, nullCount, data.Offset),
                    TypeId.UInt32 => new PrimitiveColumn<uint>(type, data.Length, values, validity, nullCount, data.Offset),
                    TypeId.UInt64 => new PrimitiveColumn<ulong>(type, data.Length, values, validity, nullCount, data.Offset),
                    TypeId.Float32 => new PrimitiveColumn<float>(type, data.Length, values, validity, nullCount, data.Offset),
                    TypeId.Float64 => new PrimitiveColumn<double>(type, data.Length, values, validity, nullCount, data.Offset),
                    _ => throw new NotSupportedException($"column '{name}': {type} cannot come from Apache.Arrow"),
                };
        }
    }

    private ArrowBuffer Buffer(A.ArrayData data, int index)
    {
        if (index >= data.Buffers.Length)
            return default;
        var memory = data.Buffers[index].Memory;
        if (memory.IsEmpty)
            return default;
        if (MemoryMarshal.TryGetMemoryManager<byte, FramesMemoryManager>(memory, out var frames, out var start, out var length))
            return new ArrowBuffer(frames.Owner, start, length);
        // One block per distinct piece of memory: a buffer shared by two columns stays one block.
        var key = MemoryMarshal.TryGetArray(memory, out var segment)
            ? (segment.Array, segment.Offset, segment.Count)
            : (MemoryMarshal.TryGetMemoryManager<byte, System.Buffers.MemoryManager<byte>>(memory, out var manager, out var from, out var count)
                ? ((object?)manager, from, count) : (null, 0, 0));
        if (key.Item1 is not null && _wrapped.TryGetValue(key, out var known))
            return known;
        // Apache.Arrow's native memory (its allocators, the C data interface) never moves.
        var native = MemoryMarshal.TryGetMemoryManager<byte, A.Memory.NativeMemoryManager>(memory, out _);
        var wrapped = new ArrowBuffer(BufferOwner.Foreign(memory, _lease, native), 0, memory.Length);
        if (key.Item1 is not null)
            _wrapped[key] = wrapped;
        return wrapped;
    }
}
