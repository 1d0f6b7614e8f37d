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

    public override void BeginBatch(int capacity)
    {
        capacity = Math.Max(1, capacity);
        _offsets = BufferPool.Shared.Rent((capacity + 1) * sizeof(int));
        MemoryMarshal.Cast<byte, int>(_offsets.Span)[0] = 0;
        _data = BufferPool.Shared.Rent((int)Math.Min(Array.MaxLength / 2, (long)capacity * _bytesPerRow + CopySlack));
        _dataLength = 0;
    }

    public override void Decode(CsvChunk chunk, int batchRow)
    {
        if (chunk.SawQuote || chunk.InvalidUtf8 || Nulls.HasText)
        {
            for (var row = 0; row < chunk.Rows; row++)
                DecodeSlow(chunk, row, batchRow + row);
            return;
        }

        var offsets = MemoryMarshal.Cast<byte, int>(_offsets!.Span).Slice(batchRow + 1, chunk.Rows);
        ref var data = ref MemoryMarshal.GetArrayDataReference(chunk.Buffer);
        ref var ends = ref MemoryMarshal.GetArrayDataReference(chunk.Ends);
        var stride = chunk.Stride;
        var at = FileColumn;
        var emptyIsNull = Nulls.EmptyIsNull;
        var length = _dataLength;
        var capacity = _data!.Capacity - CopySlack;
        ref var target = ref MemoryMarshal.GetReference(_data.Span);
        for (var row = 0; row < offsets.Length; row++, at += stride)
        {
            var start = Unsafe.Add(ref ends, at) + 1;
            var size = Unsafe.Add(ref ends, at + 1) - start;
            if (size == 0 && emptyIsNull)
                AddNull(batchRow + row);
            if (length + size > capacity)
            {
                _dataLength = length;
                Grow(size);
                capacity = _data.Capacity - CopySlack;
                target = ref MemoryMarshal.GetReference(_data.Span);
            }
            ref var source = ref Unsafe.Add(ref data, start);
            ref var destination = ref Unsafe.Add(ref target, length);
            // Short values (most of them) move as one 32-byte vector: the read buffer and the data buffer both
            // have at least 32 bytes of slack past any field.
            if (size <= 32)
                Vector256.LoadUnsafe(ref source).StoreUnsafe(ref destination);
            else
                Unsafe.CopyBlockUnaligned(ref destination, ref source, (uint)size);
            length += size;
            offsets[row] = length;
        }
        _dataLength = length;
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
