using System.Buffers.Binary;
using FramesNet.Formats.Arrow.Flatbuffers;
using FramesNet.Formats.Arrow.Messages;
using FramesNet.Memory;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// Reads encapsulated IPC messages from a stream: the 0xFFFFFFFF continuation marker (or the pre-0.15 bare
/// length), the metadata length, the <c>Message</c> flatbuffer, then the body into one pooled block. Every
/// length is checked against what the input can still hold before anything is allocated for it.
/// </summary>
internal sealed class MessageReader
{
    /// <summary>Without a known input length, memory for a claimed length is added as the bytes actually arrive.</summary>
    private const int UnknownLengthChunk = 1 << 20;
    private const int MaxBlock = int.MaxValue - 64;

    private readonly Stream _stream;
    private readonly byte[] _prefix = new byte[8];

    public MessageReader(Stream stream, string? sourceName)
    {
        _stream = stream;
        SourceName = sourceName;
        Position = stream.CanSeek ? stream.Position : 0;
    }

    public string? SourceName { get; }

    /// <summary>Input offset of the next byte to read.</summary>
    public long Position { get; private set; }

    /// <summary>Moves to <paramref name="offset"/> (seekable input only).</summary>
    public void Seek(long offset)
    {
        _stream.Position = offset;
        Position = offset;
    }

    public ArrowFormatException Error(long offset, string reason) => new(reason, offset, SourceName);

    /// <summary>
    /// The first message of a pre-0.15 stream starts with its metadata length instead of 0xFFFFFFFF; a Schema
    /// flatbuffer is never near this long, so a larger first word means the input is not Arrow at all.
    /// </summary>
    private const int MaxFirstMetadata = 16 << 20;

    /// <summary>Input whose first four bytes (already read) are no message prefix: says what it starts with and looks like.</summary>
    private ArrowFormatException NotArrow(long start)
    {
        Span<byte> head = stackalloc byte[FileSignature.Length];
        _prefix.AsSpan(0, 4).CopyTo(head);
        var got = 4 + ReadUpTo(head[4..]);
        return Error(start, $"not an Arrow IPC file or stream: it starts with {FileSignature.Describe(head[..got])}");
    }

    /// <summary>The next message, or null at the end-of-stream marker or at a clean end of the input.</summary>
    public IpcMessage? ReadNext(bool first = false)
    {
        var start = Position;
        var got = ReadUpTo(_prefix.AsSpan(0, 4));
        if (got == 0)
            return null;
        if (got < 4)
            throw Error(start, $"input ends inside a message prefix ({got} of 4 bytes)");
        var word = BinaryPrimitives.ReadInt32LittleEndian(_prefix);
        var prefixLength = 4;
        if (word == -1)
        {
            got = ReadUpTo(_prefix.AsSpan(4, 4));
            if (got < 4)
                throw Error(start + 4, $"input ends inside a message length ({got} of 4 bytes)");
            word = BinaryPrimitives.ReadInt32LittleEndian(_prefix.AsSpan(4));
            prefixLength = 8;
        }
        else if (first && _prefix.AsSpan(0, 4).SequenceEqual("ARRO"u8))
        {
            throw Error(start, "this is the Arrow IPC file format (it starts with ARROW1); read it with ArrowFileReader");
        }
        else if (first && (word < 0 || word > MaxFirstMetadata || FileSignature.Recognise(_prefix.AsSpan(0, 4)) is not null))
        {
            throw NotArrow(start);
        }
        if (word == 0)
            return null;
        if (!first || prefixLength == 8)
            return ReadRest(start, prefixLength, word, bodyAt: null, expectedBodyLength: null);
        try
        {
            return ReadRest(start, prefixLength, word, bodyAt: null, expectedBodyLength: null);
        }
        catch (ArrowFormatException e) when (_stream.CanSeek)
        {
            // Without the continuation marker the first word was taken for a pre-0.15 length: most likely it is not Arrow.
            Seek(start);
            var head = new byte[FileSignature.Length];
            var length = ReadUpTo(head);
            throw Error(start, $"not an Arrow IPC file or stream ({e.Reason}, at byte {e.ByteOffset}): it starts with {FileSignature.Describe(head.AsSpan(0, length))}");
        }
    }

    /// <summary>The message of a file block: prefix and metadata at its offset, body after its metadata length.</summary>
    public IpcMessage ReadBlock(FileBlock block, long blockOffset)
    {
        Seek(block.Offset);
        var got = ReadUpTo(_prefix.AsSpan(0, 8));
        if (got < 8)
            throw Error(block.Offset, $"file block ends after {got} bytes, inside the message prefix");
        var word = BinaryPrimitives.ReadInt32LittleEndian(_prefix);
        var prefixLength = 8;
        if (word == -1)
        {
            word = BinaryPrimitives.ReadInt32LittleEndian(_prefix.AsSpan(4));
        }
        else
        {
            prefixLength = 4;
            Seek(block.Offset + 4);
        }
        if (word <= 0 || prefixLength + (long)word > block.MetadataLength)
            throw Error(block.Offset + prefixLength - 4,
                $"message metadata length {word} does not fit the {block.MetadataLength} bytes its file block (at {blockOffset}) gives it");
        return ReadRest(block.Offset, prefixLength, word, block.Offset + block.MetadataLength, block.BodyLength);
    }

    private IpcMessage ReadRest(long start, int prefixLength, int metadataLength, long? bodyAt, long? expectedBodyLength)
    {
        if (metadataLength < 0)
            throw Error(start + prefixLength - 4, $"negative message metadata length {metadataLength}");
        var metadataOffset = start + prefixLength;
        var metadata = ReadBlock(metadataLength, metadataOffset, "message metadata");
        try
        {
            var reader = new FlatBufferReader(new ReadOnlyMemory<byte>(metadata.Array, metadata.Start, metadataLength), metadataOffset, SourceName);
            var envelope = MessageCodec.Decode(reader);
            if (expectedBodyLength is { } expected && envelope.BodyLength != expected)
                throw Error(metadataOffset, $"message body length {envelope.BodyLength} differs from its file block's {expected}");
            if (bodyAt is { } at && at != Position)
                Seek(at);
            var bodyOffset = Position;
            if (envelope.BodyLength > MaxBlock)
                throw Error(metadataOffset, $"message body of {envelope.BodyLength} bytes is larger than the {MaxBlock} bytes Frames reads in one message");
            var body = envelope.BodyLength == 0 ? null : ReadBlock((int)envelope.BodyLength, bodyOffset, "message body");
            return new IpcMessage(envelope.Kind, envelope.Header, start, bodyOffset, envelope.BodyLength, body);
        }
        catch
        {
            metadata.ReturnUnshared();
            throw;
        }
    }

    /// <summary><paramref name="length"/> bytes into a pooled block; the length is checked against the input first.</summary>
    private BufferOwner ReadBlock(int length, long offset, string what)
    {
        if (_stream.CanSeek)
        {
            var available = _stream.Length - _stream.Position;
            if (length > available)
                throw Error(offset, $"{what} of {length} bytes runs past the end of the input ({available} bytes left)");
            var block = BufferPool.Shared.Rent(length);
            var got = ReadUpTo(block.Span[..length]);
            if (got < length)
            {
                block.ReturnUnshared();
                throw Error(offset + got, $"input ends inside the {what} ({got} of {length} bytes)");
            }
            return block;
        }
        return ReadGrowing(length, offset, what);
    }

    private BufferOwner ReadGrowing(int length, long offset, string what)
    {
        var block = BufferPool.Shared.Rent(Math.Min(length, UnknownLengthChunk));
        var filled = 0;
        while (filled < length)
        {
            if (filled == block.Capacity)
            {
                var grown = BufferPool.Shared.Rent((int)Math.Min(length, 2L * block.Capacity));
                block.Span[..filled].CopyTo(grown.Span);
                block.ReturnUnshared();
                block = grown;
            }
            var got = ReadUpTo(block.Span[filled..Math.Min(length, block.Capacity)]);
            if (got == 0)
            {
                block.ReturnUnshared();
                throw Error(offset + filled, $"input ends inside the {what} ({filled} of {length} bytes)");
            }
            filled += got;
        }
        return block;
    }

    private int ReadUpTo(Span<byte> buffer)
    {
        var got = _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        Position += got;
        return got;
    }
}
