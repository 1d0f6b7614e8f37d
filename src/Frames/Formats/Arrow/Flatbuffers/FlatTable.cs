namespace FramesNet.Formats.Arrow.Flatbuffers;

/// <summary>
/// A flatbuffer table: fields are found through its vtable by slot number (the field's position in the
/// .fbs declaration; a union takes two slots, its type then its value). Absent fields read as the default.
/// </summary>
internal readonly struct FlatTable
{
    private readonly FlatBufferReader _reader;
    private readonly int _vtable;
    private readonly int _vtableSize;
    private readonly int _inlineSize;

    internal FlatTable(FlatBufferReader reader, int position, int vtable, int vtableSize, int inlineSize, string what)
    {
        _reader = reader;
        Position = position;
        _vtable = vtable;
        _vtableSize = vtableSize;
        _inlineSize = inlineSize;
        What = what;
    }

    public int Position { get; }

    /// <summary>The table's name in error messages, such as <c>Schema.fields[2]</c>.</summary>
    public string What { get; }

    public FlatBufferReader Reader => _reader;

    public bool Has(int slot) => FieldOffset(slot, 0, out _);

    public byte GetByte(int slot, byte defaultValue = 0) =>
        FieldOffset(slot, 1, out var at) ? _reader.ReadByte(at) : defaultValue;

    public bool GetBool(int slot, bool defaultValue = false) =>
        FieldOffset(slot, 1, out var at) ? _reader.ReadByte(at) != 0 : defaultValue;

    public short GetInt16(int slot, short defaultValue = 0) =>
        FieldOffset(slot, 2, out var at) ? _reader.ReadInt16(at) : defaultValue;

    public int GetInt32(int slot, int defaultValue = 0) =>
        FieldOffset(slot, 4, out var at) ? _reader.ReadInt32(at) : defaultValue;

    public long GetInt64(int slot, long defaultValue = 0) =>
        FieldOffset(slot, 8, out var at) ? _reader.ReadInt64(at) : defaultValue;

    public FlatTable? GetTable(int slot, string name)
    {
        if (!FieldOffset(slot, 4, out var at))
            return null;
        var what = $"{What}.{name}";
        return _reader.TableAt(_reader.Follow(at, what), what);
    }

    public string? GetString(int slot, string name)
    {
        if (!FieldOffset(slot, 4, out var at))
            return null;
        var what = $"{What}.{name}";
        return _reader.StringAt(_reader.Follow(at, what), what);
    }

    /// <summary>The vector in <paramref name="slot"/>, or an empty one when the field is absent.</summary>
    public FlatVector GetVector(int slot, int elementSize, string name)
    {
        var what = $"{What}.{name}";
        if (!FieldOffset(slot, 4, out var at))
            return new FlatVector(_reader, 0, 0, elementSize, what);
        return _reader.VectorAt(_reader.Follow(at, what), elementSize, what);
    }

    public ArrowFormatException Error(string reason) => _reader.Error(Position, $"{What}: {reason}");

    private bool FieldOffset(int slot, int size, out int position)
    {
        var entry = 4 + 2 * slot;
        position = 0;
        if (entry + 2 > _vtableSize)
            return false;
        var offset = _reader.ReadUInt16(_vtable + entry);
        if (offset == 0)
            return false;
        if (offset + size > _inlineSize)
            throw _reader.Error(_vtable + entry, $"{What}: field {slot} at table offset {offset} runs past the table's {_inlineSize} bytes");
        position = Position + offset;
        return true;
    }
}
