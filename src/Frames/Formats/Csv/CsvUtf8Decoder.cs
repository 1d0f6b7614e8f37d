using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Unicode;
using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Formats.Csv;

/// <summary>
/// Strings: field bytes copied into the batch's data buffer, offsets written as they go. An unquoted empty field is
/// null (when "" is a null text); a quoted one is the empty string. Invalid UTF-8 is a fault.
/// </summary>
internal sealed class CsvUtf8Decoder(int fileColumn, Field field, CsvNullValues nulls) : CsvColumnDecoder(fileColumn, field, nulls)
{
    private const int CopySlack = 32;
    private BufferOwner? _offsets;
    private BufferOwner? _data;
    private int _dataLength;
    private int _bytesPerRow = 16;

    protected override void BeginValues(int capacity)
    {
        _offsets = BufferPool.Shared.Rent((capacity + 1) * sizeof(int));
        MemoryMarshal.Cast<byte, int>(_offsets.Span)[0] = 0;
        _data = BufferPool.Shared.Rent((int)Math.Min(Array.MaxLength / 2, (long)capacity * _bytesPerRow + CopySlack));
        _dataLength = 0;
    }

    // Fully optimised from the first call: a short-lived process should not parse its first ranges with tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override unsafe void Decode(CsvChunk chunk, int batchRow)
    {
        if (chunk.InvalidUtf8 || Nulls.HasText || (!Field.Nullable && Nulls.EmptyIsNull))
        {
            for (var row = 0; row < chunk.Rows; row++)
                DecodeSlow(chunk, row, batchRow + row);
            return;
        }
        if (chunk.SawQuote)
        {
            DecodeQuoted(chunk, batchRow);
            return;
        }

        // The chunk's bytes bound what any one column of it holds: make room once, then copy without checks.
        var rows = chunk.Rows;
        var chunkBytes = chunk.Ends[rows * chunk.Stride] - chunk.Ends[0];
        if (_dataLength + chunkBytes > _data!.Capacity - CopySlack)
            Grow(chunkBytes);
        var nullRows = NullRowsForBatch(out var nullCount);
        var emptyIsNull = Nulls.EmptyIsNull ? 1 : 0;
        var length = _dataLength;
        fixed (byte* data = chunk.Buffer, target = _data.Span)
        fixed (int* starts = chunk.Ends, ends = chunk.EndsOf(FileColumn), offsets = MemoryMarshal.Cast<byte, int>(_offsets!.Span), nulls = nullRows)
        {
            var stride = chunk.Stride;
            var start = starts + FileColumn;
            var end = ends + FileColumn + 1;
            var offset = offsets + batchRow + 1;
            for (var row = 0; row < rows; row++, start += stride, end += stride)
            {
                var source = data + *start + 1;
                var size = (int)(data + *end - source);
                // An empty field is null: note the row always, keep the note only then (no branch).
                nulls[nullCount] = batchRow + row;
                nullCount += (size == 0 ? 1 : 0) & emptyIsNull;
                // Short values (most of them) move as one fixed 32-byte copy: the read buffer and the data buffer
                // both have at least 32 bytes of slack past any field.
                if (size <= 32)
                    Unsafe.CopyBlockUnaligned(target + length, source, 32);
                else
                    Buffer.MemoryCopy(source, target + length, size, size);
                length += size;
                offset[row] = length;
            }
        }
        _dataLength = length;
        SetNullCount(nullCount);
    }

    /// <summary>Rows where some field may be quoted: a quoted field without inner quotes is copied without its quotes.</summary>
    private void DecodeQuoted(CsvChunk chunk, int batchRow)
    {
        var chunkBytes = chunk.Ends[chunk.Rows * chunk.Stride] - chunk.Ends[0];
        if (_dataLength + chunkBytes > _data!.Capacity - CopySlack)
            Grow(chunkBytes);
        var offsets = MemoryMarshal.Cast<byte, int>(_offsets!.Span);
        var buffer = chunk.Buffer;
        var ends = chunk.EndsOf(FileColumn);
        var at = FileColumn;
        for (var row = 0; row < chunk.Rows; row++, at += chunk.Stride)
        {
            var start = chunk.Ends[at] + 1;
            var field = buffer.AsSpan(start, ends[at + 1] - start);
            ReadOnlySpan<byte> value;
            if (field.Length >= 2 && field[0] == (byte)'"' && field[^1] == (byte)'"' && field[1..^1].IndexOf((byte)'"') < 0)
                value = field[1..^1];
            else if (field.Length > 0 && field.IndexOf((byte)'"') < 0)
                value = field;
            else
            {
                DecodeSlow(chunk, row, batchRow + row); // empty (null), doubled quotes, or malformed
                continue;
            }
            value.CopyTo(_data.Span[_dataLength..]);
            _dataLength += value.Length;
            offsets[batchRow + row + 1] = _dataLength;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DecodeSlow(CsvChunk chunk, int row, int batchRow)
    {
        var offsets = MemoryMarshal.Cast<byte, int>(_offsets!.Span);
        offsets[batchRow + 1] = _dataLength;
        if (!chunk.TryGetValue(row, FileColumn, out var value, out var quoted))
            return;
        if (!quoted)
        {
            if (Nulls.IsNull(value))
            {
                AddNullOrFault(chunk, row, batchRow, value);
                return;
            }
            if (chunk.SawQuote && value.IndexOf((byte)'"') >= 0)
            {
                chunk.AddFault(row, FileColumn, $"a quote inside an unquoted field {CsvText.Show(value)}; quote the whole field and double the quotes in it");
                return;
            }
        }
        if (chunk.InvalidUtf8 && !Utf8.IsValid(value))
        {
            chunk.AddFault(row, FileColumn, $"expected utf8, found invalid UTF-8 bytes {Convert.ToHexString(value[..Math.Min(value.Length, 16)])}");
            return;
        }
        if (_dataLength + value.Length > _data!.Capacity - CopySlack)
            Grow(value.Length);
        value.CopyTo(_data.Span[_dataLength..]);
        _dataLength += value.Length;
        offsets[batchRow + 1] = _dataLength;
    }

    private void Grow(int needed)
    {
        var wanted = Math.Max((long)_data!.Capacity * 2, (long)_dataLength + needed + CopySlack);
        if (wanted > Array.MaxLength - 64)
            throw new InvalidOperationException($"the strings of column '{Field.Name}' exceed 2 GiB in one batch; read with fewer BatchRows");
        var next = BufferPool.Shared.Rent((int)wanted);
        _data.Span[.._dataLength].CopyTo(next.Span);
        _data.ReturnUnshared();
        _data = next;
    }

    protected override Column BuildValues(int rows, ArrowBuffer validity, int nullCount)
    {
        if (rows > 0)
            _bytesPerRow = Math.Clamp(_dataLength / rows + 1, 1, 1 << 16);
        var offsets = new ArrowBuffer(_offsets!, 0, (rows + 1) * sizeof(int));
        var data = new ArrowBuffer(_data!, 0, _dataLength);
        _offsets = null;
        _data = null;
        return new BinaryColumn(Field.Type, rows, offsets, data, validity, nullCount);
    }

    public override void Release()
    {
        _offsets?.ReturnUnshared();
        _data?.ReturnUnshared();
        _offsets = _data = null;
    }

    protected override void RemoveValues(int batchRow, ReadOnlySpan<bool> bad)
    {
        var offsets = MemoryMarshal.Cast<byte, int>(_offsets!.Span);
        var data = _data!.Span;
        var kept = batchRow;
        var length = offsets[batchRow];
        for (var i = 0; i < bad.Length; i++)
        {
            if (bad[i])
                continue;
            var start = offsets[batchRow + i];
            var size = offsets[batchRow + i + 1] - start;
            data.Slice(start, size).CopyTo(data[length..]);
            length += size;
            offsets[++kept] = length;
        }
        _dataLength = length;
    }
}
