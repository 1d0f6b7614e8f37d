using System.Runtime.InteropServices;
using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Execution.Kernels;

/// <summary>A <see cref="GrowableColumn"/> of utf8/binary values (int32 offsets: at most 2 GiB of key bytes).</summary>
internal sealed class GrowableBinary : GrowableColumn
{
    private byte[] _offsets = new byte[64];
    private byte[] _data = [];
    private int _dataLength;

    public GrowableBinary(DataType type) : base(type) { }

    protected override void AppendValues(Column source, ReadOnlySpan<int> rows)
    {
        var column = (BinaryColumn)source;
        var offsets = column.Offsets;
        var data = column.Data;
        long bytes = _dataLength;
        foreach (var row in rows)
            bytes += offsets[row + 1] - offsets[row];
        if (bytes > Array.MaxLength)
            throw new InvalidOperationException($"more than {Array.MaxLength} bytes of distinct string keys; partition the input further");
        if (_data.Length < bytes)
            Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Grow(_data.Length, (int)bytes)));
        var neededOffsets = (Count + rows.Length + 1) * sizeof(int);
        if (_offsets.Length < neededOffsets)
            Array.Resize(ref _offsets, Grow(_offsets.Length, neededOffsets));
        var target = MemoryMarshal.Cast<byte, int>(_offsets.AsSpan());
        for (var i = 0; i < rows.Length; i++)
        {
            var start = offsets[rows[i]];
            var length = offsets[rows[i] + 1] - start;
            data.Slice(start, length).CopyTo(_data.AsSpan(_dataLength));
            _dataLength += length;
            target[Count + i + 1] = _dataLength;
        }
        Count += rows.Length;
    }

    public override Column View() =>
        new BinaryColumn(Type, Count, new ArrowBuffer(BufferOwner.Wrap(_offsets), 0, _offsets.Length),
            new ArrowBuffer(BufferOwner.Wrap(_data), 0, _data.Length), ValidityView());
}
