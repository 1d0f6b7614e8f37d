using System.Buffers.Binary;
using System.Text;

namespace FramesNet.Formats.Arrow.Flatbuffers;

/// <summary>
/// Bounds-checked access to one flatbuffer (a message's metadata or a file footer). Every offset read from
/// the bytes is checked before it is followed; a bad one throws <see cref="ArrowFormatException"/> with the
/// absolute byte offset (the flatbuffer's own position in the input plus the position inside it).
/// </summary>
internal sealed class FlatBufferReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlyMemory<byte> _bytes;

    public FlatBufferReader(ReadOnlyMemory<byte> bytes, long baseOffset, string? sourceName)
    {
        _bytes = bytes;
        BaseOffset = baseOffset;
        SourceName = sourceName;
    }

    /// <summary>Offset of the flatbuffer's first byte in the input.</summary>
    public long BaseOffset { get; }

    public string? SourceName { get; }

    public int Length => _bytes.Length;

    private ReadOnlySpan<byte> Bytes => _bytes.Span;

    /// <summary>The root table: the flatbuffer starts with a uoffset to it.</summary>
    public FlatTable Root(string what) => TableAt(Follow(0, what), what);

    public ArrowFormatException Error(long position, string reason) => new(reason, BaseOffset + position, SourceName);

    /// <summary>A table whose first byte (its soffset to the vtable) is at <paramref name="position"/>.</summary>
    public FlatTable TableAt(int position, string what)
    {
        Require(position, 4, what);
        var vtable = (long)position - ReadInt32(position);
        if (vtable < 0 || vtable > Length - 4)
            throw Error(position, $"{what}: vtable offset points to {vtable}, outside the {Length}-byte flatbuffer");
        var vtableSize = ReadUInt16((int)vtable);
        var inlineSize = ReadUInt16((int)vtable + 2);
        if (vtableSize < 4 || (vtableSize & 1) != 0 || vtable + vtableSize > Length)
            throw Error(vtable, $"{what}: vtable of {vtableSize} bytes does not fit the {Length}-byte flatbuffer");
        if (inlineSize < 4 || (long)position + inlineSize > Length)
            throw Error(vtable + 2, $"{what}: table of {inlineSize} bytes at {position} does not fit the {Length}-byte flatbuffer");
        return new FlatTable(this, position, (int)vtable, vtableSize, inlineSize, what);
    }

    /// <summary>Follows the uoffset stored at <paramref name="position"/> and returns where it points.</summary>
    public int Follow(int position, string what)
    {
        Require(position, 4, what);
        var target = position + (long)ReadUInt32(position);
        if (target > Length - 4)
            throw Error(position, $"{what}: offset points to {target}, outside the {Length}-byte flatbuffer");
        return (int)target;
    }

    /// <summary>The vector whose length prefix is at <paramref name="position"/>.</summary>
    public FlatVector VectorAt(int position, int elementSize, string what)
    {
        Require(position, 4, what);
        var count = ReadUInt32(position);
        if (count * (long)elementSize > Length - (position + 4L))
            throw Error(position, $"{what}: vector of {count} elements of {elementSize} bytes runs past the end of the {Length}-byte flatbuffer");
        return new FlatVector(this, position + 4, (int)count, elementSize, what);
    }

    public string StringAt(int position, string what)
    {
        var vector = VectorAt(position, 1, what);
        try
        {
            return StrictUtf8.GetString(Bytes.Slice(vector.Start, vector.Count));
        }
        catch (DecoderFallbackException)
        {
            throw Error(vector.Start, $"{what}: string is not valid UTF-8");
        }
    }

    public void Require(long position, int size, string what)
    {
        if (position < 0 || position > Length - (long)size)
            throw Error(Math.Max(0, Math.Min(position, Length)), $"{what}: {size} bytes at {position} are outside the {Length}-byte flatbuffer");
    }

    public byte ReadByte(int position) => Bytes[position];
    public short ReadInt16(int position) => BinaryPrimitives.ReadInt16LittleEndian(Bytes[position..]);
    public ushort ReadUInt16(int position) => BinaryPrimitives.ReadUInt16LittleEndian(Bytes[position..]);
    public int ReadInt32(int position) => BinaryPrimitives.ReadInt32LittleEndian(Bytes[position..]);
    public uint ReadUInt32(int position) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes[position..]);
    public long ReadInt64(int position) => BinaryPrimitives.ReadInt64LittleEndian(Bytes[position..]);
}
