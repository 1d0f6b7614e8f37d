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

    protected override void BeginValues(int capacity) =>
        _values = BufferPool.Shared.Rent(Math.Max(1, capacity) * Unsafe.SizeOf<T>());

    // Fully optimised from the first call: a short-lived process should not parse its first ranges with tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override unsafe void Decode(CsvChunk chunk, int batchRow)
    {
        var rows = chunk.Rows;
        var values = MemoryMarshal.Cast<byte, T>(_values!.Span).Slice(batchRow, rows);
        var slowRows = chunk.SlowRows;
        var slowCount = 0;
        // Empty fields are nulls (when "" is a null text and the column nullable): common enough to note inline.
        var emptyIsNull = Nulls.EmptyIsNull && Field.Nullable;
        var nullRows = NullRowsForBatch(out var nullCount);
        // Raw pointers and no call in the loop: the JIT keeps everything in registers.
        fixed (byte* data = chunk.Buffer)
        fixed (int* starts = chunk.Ends, ends = chunk.EndsOf(FileColumn), slow = slowRows, nulls = nullRows)
        fixed (T* value = values)
        {
            var stride = chunk.Stride;
            var start = starts + FileColumn;
            var end = ends + FileColumn + 1;
            for (var row = 0; row < rows; row++, start += stride, end += stride)
            {
                var first = *start + 1;
                var length = *end - first;
                if (_parser.TryParseFast(MemoryMarshal.CreateReadOnlySpan(ref data[first], length), ref value[row]))
                    continue;
                if (length == 0 && emptyIsNull)
                {
                    value[row] = default;
                    nulls[nullCount++] = batchRow + row;
                }
                else
                {
                    slow[slowCount++] = row;
                }
            }
        }
        SetNullCount(nullCount);
        for (var i = 0; i < slowCount; i++)
            DecodeSlow(chunk, slowRows[i], batchRow + slowRows[i]);
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
