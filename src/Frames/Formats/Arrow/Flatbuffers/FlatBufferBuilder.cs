using System.Buffers.Binary;
using System.Text;

namespace FramesNet.Formats.Arrow.Flatbuffers;

/// <summary>
/// Writes a flatbuffer back to front, as the format intends: children first, then the tables that point
/// forward to them, the root last. An object is identified by its distance from the end of the buffer,
/// which does not change as the buffer grows. Alignment is kept relative to the end, and
/// <see cref="Finish"/> pads the front so the finished buffer is aligned as a whole.
/// </summary>
internal sealed class FlatBufferBuilder
{
    private byte[] _buffer;
    private int _head;
    private int _minAlign = 1;
    private int[] _fields = new int[8];
    private int _fieldCount = -1;
    private int _tableStart;

    public FlatBufferBuilder(int initialCapacity = 512)
    {
        _buffer = new byte[initialCapacity];
        _head = initialCapacity;
    }

    /// <summary>Bytes written so far; also the reference of the object written last.</summary>
    public int Offset => _buffer.Length - _head;

    public int CreateString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Prep(4, length + 1);
        _buffer[--_head] = 0;
        _head -= length;
        Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_head, length));
        PutInt32(length);
        return Offset;
    }

    /// <summary>Begins a vector; write the elements last to first with the Put methods, then <see cref="EndVector"/>.</summary>
    public void StartVector(int elementSize, int count, int alignment)
    {
        RequireNoTable();
        Prep(4, elementSize * count);
        Prep(alignment, elementSize * count);
    }

    public int EndVector(int count)
    {
        PutInt32(count);
        return Offset;
    }

    /// <summary>A vector of references (to tables or strings).</summary>
    public int CreateOffsetVector(ReadOnlySpan<int> targets)
    {
        StartVector(4, targets.Length, 4);
        for (var i = targets.Length - 1; i >= 0; i--)
            PutUOffset(targets[i]);
        return EndVector(targets.Length);
    }

    public void StartTable(int slotCount)
    {
        RequireNoTable();
        if (_fields.Length < slotCount)
            _fields = new int[slotCount];
        Array.Clear(_fields, 0, slotCount);
        _fieldCount = slotCount;
        _tableStart = Offset;
    }

    public void AddBool(int slot, bool value, bool defaultValue = false)
    {
        if (value == defaultValue) return;
        Prep(1, 1);
        _buffer[--_head] = value ? (byte)1 : (byte)0;
        _fields[slot] = Offset;
    }

    public void AddByte(int slot, byte value, byte defaultValue = 0)
    {
        if (value == defaultValue) return;
        Prep(1, 1);
        _buffer[--_head] = value;
        _fields[slot] = Offset;
    }

    public void AddInt16(int slot, short value, short defaultValue = 0)
    {
        if (value == defaultValue) return;
        Prep(2, 0);
        PutInt16(value);
        _fields[slot] = Offset;
    }

    public void AddInt32(int slot, int value, int defaultValue = 0)
    {
        if (value == defaultValue) return;
        Prep(4, 0);
        PutInt32(value);
        _fields[slot] = Offset;
    }

    public void AddInt64(int slot, long value, long defaultValue = 0)
    {
        if (value == defaultValue) return;
        Prep(8, 0);
        PutInt64(value);
        _fields[slot] = Offset;
    }

    /// <summary>A reference field; 0 (nothing written) leaves the field absent.</summary>
    public void AddOffset(int slot, int target)
    {
        if (target == 0) return;
        PutUOffset(target);
        _fields[slot] = Offset;
    }

    public int EndTable()
    {
        if (_fieldCount < 0)
            throw new InvalidOperationException("EndTable without StartTable");
        Prep(4, 0);
        PutInt32(0); // soffset to the vtable, patched below
        var table = Offset;
        var used = _fieldCount;
        while (used > 0 && _fields[used - 1] == 0)
            used--;
        for (var slot = used - 1; slot >= 0; slot--)
            PutInt16(_fields[slot] == 0 ? (short)0 : checked((short)(table - _fields[slot])));
        PutInt16(checked((short)(table - _tableStart)));
        PutInt16(checked((short)(4 + 2 * used)));
        var vtable = Offset;
        // The vtable sits before the table, so table - soffset = vtable means soffset = vtable - table here.
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_buffer.Length - table), vtable - table);
        _fieldCount = -1;
        return table;
    }

    /// <summary>Writes the root reference and returns the finished flatbuffer.</summary>
    public ReadOnlySpan<byte> Finish(int root)
    {
        RequireNoTable();
        Prep(_minAlign, 4);
        PutUOffset(root);
        return _buffer.AsSpan(_head);
    }

    public void PutInt16(short value)
    {
        Reserve(2);
        _head -= 2;
        BinaryPrimitives.WriteInt16LittleEndian(_buffer.AsSpan(_head), value);
    }

    public void PutInt32(int value)
    {
        Reserve(4);
        _head -= 4;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_head), value);
    }

    public void PutInt64(long value)
    {
        Reserve(8);
        _head -= 8;
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_head), value);
    }

    private void PutUOffset(int target)
    {
        Prep(4, 0);
        if (target > Offset)
            throw new InvalidOperationException("a flatbuffer reference must point to an object written earlier");
        PutInt32(Offset + 4 - target);
    }

    /// <summary>Pads so that, after <paramref name="additionalBytes"/> more, the head is aligned to <paramref name="alignment"/>.</summary>
    private void Prep(int alignment, int additionalBytes)
    {
        if (alignment > _minAlign)
            _minAlign = alignment;
        var padding = -(Offset + additionalBytes) & (alignment - 1);
        Reserve(padding + additionalBytes);
        for (var i = 0; i < padding; i++)
            _buffer[--_head] = 0;
    }

    private void Reserve(int bytes)
    {
        if (_head >= bytes)
            return;
        var used = Offset;
        var grown = new byte[Math.Max(_buffer.Length * 2, used + bytes + 64)];
        _buffer.AsSpan(_head).CopyTo(grown.AsSpan(grown.Length - used));
        _buffer = grown;
        _head = grown.Length - used;
    }

    private void RequireNoTable()
    {
        if (_fieldCount >= 0)
            throw new InvalidOperationException("finish the current table before writing another object");
    }
}
