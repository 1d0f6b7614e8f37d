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
        // Raw pointers and no call in the loops: the JIT keeps everything in registers. Fields the fast paths do not
        // take are only noted here.
        fixed (byte* data = chunk.Buffer)
        fixed (int* starts = chunk.Ends, ends = chunk.EndsOf(FileColumn), slow = slowRows)
        fixed (T* value = values)
        {
            var stride = chunk.Stride;
            var start = starts + FileColumn;
            var end = ends + FileColumn + 1;
            var row = 0;
            if (CsvSimdNumbers.IsSupported && (typeof(TParser) == typeof(Float64Parser) || typeof(TParser) == typeof(Int64Parser)))
            {
                // Four rows at a time; a lane that is not a short number takes the scalar road.
                for (var step = 4 * stride; row + 4 <= rows; row += 4, start += step, end += step)
                {
                    int first0 = start[0] + 1, first1 = start[stride] + 1, first2 = start[2 * stride] + 1, first3 = start[3 * stride] + 1;
                    var parsed = typeof(TParser) == typeof(Float64Parser)
                        ? CsvSimdNumbers.ParseFloat64(data, first0, end[0] - first0, first1, end[stride] - first1,
                            first2, end[2 * stride] - first2, first3, end[3 * stride] - first3, (double*)(value + row))
                        : CsvSimdNumbers.ParseInt64(data, first0, end[0] - first0, first1, end[stride] - first1,
                            first2, end[2 * stride] - first2, first3, end[3 * stride] - first3, (long*)(value + row));
                    if (parsed == 0b1111)
                        continue;
                    for (var lane = 0; lane < 4; lane++)
                        if ((parsed & (1 << lane)) == 0)
                            slow[slowCount++] = row + lane;
                }
            }
            for (; row < rows; row++, start += stride, end += stride)
            {
                var first = *start + 1;
                if (!_parser.TryParseFast(MemoryMarshal.CreateReadOnlySpan(ref data[first], *end - first), ref value[row]))
                    slow[slowCount++] = row;
            }
        }

        // An empty field is a null (when "" is a null text and the column is nullable): common, so kept cheap.
        var emptyIsNull = Nulls.EmptyIsNull && Field.Nullable;
        for (var i = 0; i < slowCount; i++)
        {
            var row = slowRows[i];
            if (emptyIsNull && chunk.FieldEnd(row, FileColumn) == chunk.FieldStart(row, FileColumn))
            {
                values[row] = default;
                AddNull(batchRow + row);
            }
            else
            {
                DecodeSlow(chunk, row, batchRow + row);
            }
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
