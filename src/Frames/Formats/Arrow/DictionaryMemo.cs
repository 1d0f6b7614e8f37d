using FramesNet.Columns;
using FramesNet.Formats.Arrow.Messages;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// The reader's current dictionary per id, built from dictionary batches: a first batch or a replacement
/// sets it, a delta appends to it. The memo holds a reference on each current dictionary's buffers, so a
/// dictionary stays valid for later batches even when the caller disposes every batch read so far.
/// </summary>
internal sealed class DictionaryMemo : IDisposable
{
    private readonly IpcSchema _schema;
    private readonly Dictionary<long, Field> _firstFields = [];
    private readonly Dictionary<long, Column> _current = [];
    private readonly bool _allowReplacement;

    public DictionaryMemo(IpcSchema schema, bool allowReplacement)
    {
        _schema = schema;
        _allowReplacement = allowReplacement;
        for (var i = 0; i < schema.Schema.Count; i++)
            if (schema.DictionaryIds[i] >= 0)
                _firstFields.TryAdd(schema.DictionaryIds[i], schema.Schema[i]);
    }

    /// <summary>Decodes a dictionary batch message and applies it.</summary>
    public void Read(IpcMessage message, MessageReader source)
    {
        var header = DictionaryBatchCodec.Decode(message.Header);
        if (!_firstFields.TryGetValue(header.Id, out var user))
            throw source.Error(message.Offset, $"dictionary batch for id {header.Id}, which no field of the schema uses");
        var field = new Field(user.Name, user.Type.ValueType!);
        var label = $"the dictionary (id {header.Id}) of field '{user.Name}'";
        var values = new BatchDecoder(header.Data, message, source, label).DecodeColumns([field], default)[0];
        if (header.IsDelta && _current.TryGetValue(header.Id, out var existing))
        {
            values = ColumnConcat.Concat(existing, values);
        }
        else if (!header.IsDelta && _current.ContainsKey(header.Id) && !_allowReplacement)
        {
            throw source.Error(message.Offset, $"a second dictionary batch for id {header.Id} that is not a delta: the file format does not allow replacing a dictionary");
        }
        Set(header.Id, values);
    }

    /// <summary>The current dictionary of each field (null for a plain field or one whose dictionary has not arrived).</summary>
    public Column?[] ForFields()
    {
        var dictionaries = new Column?[_schema.Schema.Count];
        for (var i = 0; i < dictionaries.Length; i++)
            if (_schema.DictionaryIds[i] >= 0)
                dictionaries[i] = _current.GetValueOrDefault(_schema.DictionaryIds[i]);
        return dictionaries;
    }

    private void Set(long id, Column values)
    {
        values.Retain();
        if (_current.TryGetValue(id, out var old))
            old.Release();
        _current[id] = values;
    }

    public void Dispose()
    {
        foreach (var column in _current.Values)
            column.Release();
        _current.Clear();
    }
}
