using System.Runtime.CompilerServices;
using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Formats.Csv;

/// <summary>Booleans (<c>true</c>/<c>false</c> in any case, or <c>1</c>/<c>0</c>) into a bit-packed value buffer.</summary>
internal sealed class CsvBoolDecoder(int fileColumn, Field field, CsvNullValues nulls) : CsvColumnDecoder(fileColumn, field, nulls)
{
    private BufferOwner? _bits;

    protected override void BeginValues(int capacity)
    {
        _bits = BufferPool.Shared.Rent(Bitmap.BytesFor(Math.Max(8, capacity)));
        _bits.Span.Clear();
    }

    public override void Decode(CsvChunk chunk, int batchRow)
    {
        var bits = _bits!.Span;
        for (var row = 0; row < chunk.Rows; row++)
        {
            if (CsvNumbers.TryParseBool(chunk.Field(row, FileColumn), out var value))
            {
                if (value)
                    Bitmap.Set(bits, batchRow + row);
            }
            else
            {
                DecodeSlow(chunk, row, batchRow + row);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DecodeSlow(CsvChunk chunk, int row, int batchRow)
    {
        if (!chunk.TryGetValue(row, FileColumn, out var text, out _))
            return;
        if (Nulls.IsNull(text))
            AddNullOrFault(chunk, row, batchRow, text);
        else if (!CsvNumbers.TryParseBool(text, out var value))
            AddTypeFault(chunk, row, text);
        else if (value)
            Bitmap.Set(_bits!.Span, batchRow);
    }

    protected override Column BuildValues(int rows, ArrowBuffer validity, int nullCount)
    {
        var bits = new ArrowBuffer(_bits!, 0, Bitmap.BytesFor(rows));
        _bits = null;
        return new BooleanColumn(rows, bits, validity, nullCount);
    }

    public override void Release()
    {
        _bits?.ReturnUnshared();
        _bits = null;
    }

    protected override void RemoveValues(int batchRow, ReadOnlySpan<bool> bad)
    {
        var bits = _bits!.Span;
        var kept = batchRow;
        for (var i = 0; i < bad.Length; i++)
        {
            if (bad[i])
                continue;
            Bitmap.Set(bits, kept++, Bitmap.Get(bits, batchRow + i));
        }
        Bitmap.Fill(bits, kept, bad.Length - (kept - batchRow), false);
    }
}
