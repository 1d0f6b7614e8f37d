using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Formats.Csv;

/// <summary>Numbers, dates and timestamps: values written in place into the batch's value buffer.</summary>
internal sealed class CsvPrimitiveDecoder<T, TParser>(int fileColumn, Field field, CsvNullValues nulls, TParser parser)
    : CsvColumnDecoder(fileColumn, field, nulls)
    where T : unmanaged
    where TParser : struct, ICsvValueParser<T>
{
    private readonly TParser _parser = parser;
    private BufferOwner? _values;

    public override void BeginBatch(int capacity) =>
        _values = BufferPool.Shared.Rent(Math.Max(1, capacity) * Unsafe.SizeOf<T>());

    public override void Decode(CsvChunk chunk, int batchRow)
    {
        var values = MemoryMarshal.Cast<byte, T>(_values!.Span).Slice(batchRow, chunk.Rows);
        ref var value = ref MemoryMarshal.GetReference(values);
        ref var data = ref MemoryMarshal.GetArrayDataReference(chunk.Buffer);
        ref var ends = ref MemoryMarshal.GetArrayDataReference(chunk.Ends);
        var stride = chunk.Stride;
        var at = FileColumn;
        for (var row = 0; row < values.Length; row++, at += stride)
        {
            var start = Unsafe.Add(ref ends, at) + 1;
            var text = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref data, start), Unsafe.Add(ref ends, at + 1) - start);
            if (!_parser.TryParseFast(text, out Unsafe.Add(ref value, row)))
                DecodeSlow(chunk, row, batchRow + row);
        }
    }

    /// <summary>Quoted fields, nulls, forms the fast path does not take, and errors.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DecodeSlow(CsvChunk chunk, int row, int batchRow)
    {
        ref var slot = ref MemoryMarshal.Cast<byte, T>(_values!.Span)[batchRow];
        slot = default;
        if (!chunk.TryGetValue(row, FileColumn, out var value, out _))
            return;
        if (Nulls.IsNull(value))
            AddNullOrFault(chunk, row, batchRow, value);
        else if (!_parser.TryParse(value, out slot))
            AddTypeFault(chunk, row, value);
    }

    protected override Column BuildValues(int rows, ArrowBuffer validity, int nullCount)
    {
        var values = new ArrowBuffer(_values!, 0, rows * Unsafe.SizeOf<T>());
        _values = null;
        return new PrimitiveColumn<T>(Field.Type, rows, values, validity, nullCount);
    }

    public override void Release()
    {
        _values?.ReturnUnshared();
        _values = null;
    }

    protected override void RemoveValues(int batchRow, ReadOnlySpan<bool> bad)
    {
        var values = MemoryMarshal.Cast<byte, T>(_values!.Span);
        var kept = batchRow;
        for (var i = 0; i < bad.Length; i++)
            if (!bad[i])
                values[kept++] = values[batchRow + i];
    }
}
