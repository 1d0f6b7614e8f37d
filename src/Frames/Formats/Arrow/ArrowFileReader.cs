using System.Buffers.Binary;
using FramesNet.Columns;
using FramesNet.Formats.Arrow.Flatbuffers;
using FramesNet.Formats.Arrow.Messages;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// Reads the Arrow IPC file format: <c>ARROW1</c>, padding, the embedded stream, the footer, its length,
/// <c>ARROW1</c>. The footer is read first; it holds the schema (some writers, apache-arrow's JavaScript one
/// among them, put the schema only there) and the location of every dictionary and record batch, so any
/// batch can be read on its own. All dictionary batches (deltas appended in footer order) are loaded
/// before the first record batch.
/// </summary>
public sealed class ArrowFileReader : IDisposable
{
    internal static ReadOnlySpan<byte> Magic => "ARROW1"u8;
    private const int TrailerLength = 10; // int32 footer length + "ARROW1"

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly MessageReader _messages;
    private readonly Footer _footer;
    private DictionaryMemo? _dictionaries;
    private Column?[]? _fieldDictionaries;
    private bool _disposed;

    /// <summary>Reads and checks the footer at once; a malformed file throws <see cref="ArrowFormatException"/>.</summary>
    public ArrowFileReader(Stream seekableStream, string? sourceName = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(seekableStream);
        if (!seekableStream.CanSeek)
            throw new ArgumentException("the Arrow file format is read from its footer and needs a seekable stream; use ArrowStreamReader for a stream", nameof(seekableStream));
        _stream = seekableStream;
        _leaveOpen = leaveOpen;
        _messages = new MessageReader(seekableStream, sourceName);
        try
        {
            _footer = ReadFooter();
        }
        catch
        {
            if (!leaveOpen)
                seekableStream.Dispose();
            throw;
        }
    }

    public static ArrowFileReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.RandomAccess), path);

    public Schema Schema => _footer.Schema.Schema;

    public int BatchCount => _footer.RecordBatches.Length;

    public RecordBatch ReadBatch(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)index >= (uint)BatchCount)
            throw new ArgumentOutOfRangeException(nameof(index), $"batch {index} asked of a file with {BatchCount} batches");
        _fieldDictionaries ??= LoadDictionaries();
        var blockOffset = _footer.RecordBatchesOffset + 24L * index;
        var message = _messages.ReadBlock(_footer.RecordBatches[index], blockOffset);
        if (message.Kind != MessageKind.RecordBatch)
            throw _messages.Error(message.Offset, $"record batch block {index} holds a {message.Kind} message");
        var header = RecordBatchCodec.Decode(message.Header);
        var columns = new BatchDecoder(header, message, _messages).DecodeColumns(Schema.Fields, _fieldDictionaries);
        return new RecordBatch(Schema, columns, (int)header.Length);
    }

    public IEnumerable<RecordBatch> ReadAll()
    {
        for (var i = 0; i < BatchCount; i++)
            yield return ReadBatch(i);
    }

    private Footer ReadFooter()
    {
        var start = _stream.Position;
        var length = _stream.Length - start;
        Span<byte> head = stackalloc byte[8];
        if (length < Magic.Length || !ReadAt(start, head[..Magic.Length]) || !head[..Magic.Length].SequenceEqual(Magic))
        {
            Span<byte> first = stackalloc byte[(int)Math.Min(length, FileSignature.Length)];
            ReadAt(start, first);
            throw _messages.Error(start, $"not an Arrow IPC file (it does not start with ARROW1): it starts with {FileSignature.Describe(first)}");
        }
        if (length < 8 + TrailerLength)
            throw _messages.Error(start + length, $"file of {length} bytes is too short for the Arrow file format (truncated?)");
        Span<byte> trailer = stackalloc byte[TrailerLength];
        var trailerAt = start + length - TrailerLength;
        if (!ReadAt(trailerAt, trailer))
            throw _messages.Error(trailerAt, "the file ends before its trailer");
        if (!trailer[4..].SequenceEqual(Magic))
            throw _messages.Error(trailerAt + 4, "the file does not end with ARROW1 (truncated?)");
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(trailer);
        var footerAt = trailerAt - footerLength;
        if (footerLength <= 0 || footerAt < start + 8)
            throw _messages.Error(trailerAt, $"footer length {footerLength} does not fit the {length}-byte file");
        var bytes = new byte[footerLength];
        if (!ReadAt(footerAt, bytes))
            throw _messages.Error(footerAt, "the file ends inside its footer");
        var footer = FooterCodec.Decode(new FlatBufferReader(bytes, footerAt, _messages.SourceName));
        CheckBlocks(footer.Dictionaries, footer.DictionariesOffset, start + 8, footerAt, "dictionary");
        CheckBlocks(footer.RecordBatches, footer.RecordBatchesOffset, start + 8, footerAt, "record batch");
        return footer;
    }

    private void CheckBlocks(FileBlock[] blocks, long vectorOffset, long first, long end, string what)
    {
        for (var i = 0; i < blocks.Length; i++)
        {
            var b = blocks[i];
            if (b.Offset < first || b.Offset > end || b.MetadataLength < 8 || b.BodyLength < 0 ||
                b.MetadataLength > end - b.Offset || b.BodyLength > end - b.Offset - b.MetadataLength)
            {
                throw _messages.Error(vectorOffset + 24L * i,
                    $"{what} block {i} (offset {b.Offset}, metadata {b.MetadataLength} bytes, body {b.BodyLength} bytes) lies outside the messages between {first} and {end}");
            }
        }
    }

    private Column?[] LoadDictionaries()
    {
        _dictionaries = new DictionaryMemo(_footer.Schema, allowReplacement: false);
        for (var i = 0; i < _footer.Dictionaries.Length; i++)
        {
            var message = _messages.ReadBlock(_footer.Dictionaries[i], _footer.DictionariesOffset + 24L * i);
            if (message.Kind != MessageKind.DictionaryBatch)
                throw _messages.Error(message.Offset, $"dictionary block {i} holds a {message.Kind} message");
            _dictionaries.Read(message, _messages);
        }
        return _dictionaries.ForFields();
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>; false when the input ends first.</summary>
    private bool ReadAt(long offset, Span<byte> buffer)
    {
        _stream.Position = offset;
        return _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _dictionaries?.Dispose();
        if (!_leaveOpen)
            _stream.Dispose();
    }
}
