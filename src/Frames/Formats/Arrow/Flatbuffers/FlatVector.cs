namespace FramesNet.Formats.Arrow.Flatbuffers;

/// <summary>A flatbuffer vector whose elements are known to lie inside the buffer.</summary>
internal readonly struct FlatVector
{
    private readonly FlatBufferReader _reader;

    internal FlatVector(FlatBufferReader reader, int start, int count, int elementSize, string what)
    {
        _reader = reader;
        Start = start;
        Count = count;
        ElementSize = elementSize;
        What = what;
    }

    /// <summary>Position of the first element.</summary>
    public int Start { get; }

    public int Count { get; }

    public int ElementSize { get; }

    public string What { get; }

    /// <summary>Element <paramref name="index"/> of a vector of tables.</summary>
    public FlatTable TableAt(int index)
    {
        var what = $"{What}[{index}]";
        return _reader.TableAt(_reader.Follow(ElementAt(index), what), what);
    }

    /// <summary>Element <paramref name="index"/> of a vector of strings.</summary>
    public string StringAt(int index)
    {
        var what = $"{What}[{index}]";
        return _reader.StringAt(_reader.Follow(ElementAt(index), what), what);
    }

    /// <summary>A long at <paramref name="fieldOffset"/> inside struct element <paramref name="index"/>.</summary>
    public long Int64At(int index, int fieldOffset) => _reader.ReadInt64(ElementAt(index) + fieldOffset);

    public int Int32At(int index, int fieldOffset) => _reader.ReadInt32(ElementAt(index) + fieldOffset);

    /// <summary>Absolute position (in the input) of element <paramref name="index"/>, for error messages.</summary>
    public long InputOffsetOf(int index) => _reader.BaseOffset + Start + (long)index * ElementSize;

    private int ElementAt(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), $"{What}: element {index} of {Count}");
        return Start + index * ElementSize;
    }
}
