using FramesNet.Columns;
using FramesNet.Formats.Arrow.Messages;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// Reads the Arrow IPC stream format: a Schema message, then dictionary and record batches, until the
/// end-of-stream marker or the end of the input. Each batch's body is read into one pooled block and its
/// columns are windows into it. Dictionary-encoded fields come back as <see cref="DictionaryColumn"/>s;
/// replacement and delta dictionaries are applied in stream order.
/// </summary>
public sealed class ArrowStreamReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly MessageReader _messages;
    private readonly IpcSchema _schema;
    private readonly DictionaryMemo _dictionaries;
    private bool _ended;
    private bool _disposed;

    /// <summary>Reads the Schema message at once; a malformed one throws <see cref="ArrowFormatException"/>.</summary>
    public ArrowStreamReader(Stream stream, string? sourceName = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _messages = new MessageReader(stream, sourceName);
        try
        {
            _schema = ReadSchema(_messages);
        }
        catch
        {
            if (!leaveOpen)
                stream.Dispose();
            throw;
        }
        _dictionaries = new DictionaryMemo(_schema, allowReplacement: true);
    }

    public Schema Schema => _schema.Schema;

    private static IpcSchema ReadSchema(MessageReader messages)
    {
        var start = messages.Position;
        var first = messages.ReadNext(first: true)
            ?? throw messages.Error(start, messages.Position == start ? "the input is empty: no Schema message" : "the stream ends before its Schema message");
        if (first.Kind != MessageKind.Schema)
            throw messages.Error(first.Offset, $"the stream starts with a {first.Kind} message; a Schema message must come first");
        return SchemaCodec.Decode(first.Header);
    }

    /// <summary>The next record batch, or null at the end of the stream.</summary>
    public RecordBatch? ReadNext()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!_ended)
        {
            var message = _messages.ReadNext();
            if (message is null)
            {
                _ended = true;
                break;
            }
            switch (message.Kind)
            {
                case MessageKind.DictionaryBatch:
                    _dictionaries.Read(message, _messages);
                    break;
                case MessageKind.RecordBatch:
                    var header = RecordBatchCodec.Decode(message.Header);
                    var columns = new BatchDecoder(header, message, _messages).DecodeColumns(Schema.Fields, _dictionaries.ForFields());
                    return new RecordBatch(Schema, columns, (int)header.Length);
                default:
                    throw _messages.Error(message.Offset, "a second Schema message in the stream");
            }
        }
        return null;
    }

    /// <summary>The remaining batches, read as the sequence is enumerated.</summary>
    public IEnumerable<RecordBatch> ReadAll()
    {
        while (ReadNext() is { } batch)
            yield return batch;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _dictionaries.Dispose();
        if (!_leaveOpen)
            _stream.Dispose();
    }
}
