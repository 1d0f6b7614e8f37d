using FramesNet.Columns;
using FramesNet.Formats.Arrow.Messages;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// What the stream and file writers share: the schema message, dictionary batches as dictionaries change,
/// record batches; and the blocks written, for the file footer.
/// </summary>
internal sealed class IpcWriter : IDisposable
{
    private readonly IpcSchema _schema;
    private readonly DictionarySender?[] _dictionaries;

    public IpcWriter(Stream stream, Schema schema, bool allowReplacement)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        if (!stream.CanWrite)
            throw new ArgumentException("the stream is not writable", nameof(stream));
        foreach (var field in schema.Fields)
            if (field.Type.Id == TypeId.Dictionary && field.Type.ValueType!.Id == TypeId.Dictionary)
                throw new NotSupportedException($"field '{field.Name}': a dictionary of dictionaries cannot be written");
        _schema = IpcSchema.ForWriting(schema);
        _dictionaries = new DictionarySender?[schema.Count];
        for (var i = 0; i < schema.Count; i++)
            if (_schema.DictionaryIds[i] >= 0)
                _dictionaries[i] = new DictionarySender(_schema.DictionaryIds[i], schema[i], allowReplacement);
        Messages = new MessageWriter(stream);
    }

    public MessageWriter Messages { get; }

    public IpcSchema Schema => _schema;

    public List<FileBlock> DictionaryBlocks { get; } = [];

    public List<FileBlock> RecordBatchBlocks { get; } = [];

    public void WriteSchema() =>
        Messages.Write(MessageKind.Schema, builder => SchemaCodec.Encode(builder, _schema), body: null);

    /// <summary>
    /// Writes the batch as the stream's schema stores each field: a column stored otherwise (plain where the schema
    /// says dictionary, or the reverse) is converted, so every batch of a stream agrees with its schema message.
    /// </summary>
    public void WriteBatch(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var storage = _schema.Schema;
        if (batch.ColumnCount != storage.Count)
            throw new ArgumentException($"the batch has {batch.ColumnCount} columns but the writer's schema has {storage.Count}");
        var plan = new BodyPlan();
        for (var i = 0; i < batch.ColumnCount; i++)
        {
            var column = batch.Column(i);
            if (column.Type != storage[i].Type)
            {
                if (column.Type.Logical != storage[i].Type.Logical)
                    throw new ArgumentException($"column {i} ('{batch.Schema[i].Name}') holds {column.Type} but the writer's schema says {storage[i].Type}");
                column = ColumnEncoding.ConvertTo(column, storage[i].Type);
            }
            if (_dictionaries[i] is { } sender)
                column = sender.Prepare((DictionaryColumn)column, (values, isDelta) => WriteDictionary(sender.Id, values, isDelta));
            plan.AddColumn(column);
        }
        var header = plan.Header(batch.Length);
        RecordBatchBlocks.Add(Messages.Write(MessageKind.RecordBatch, builder => RecordBatchCodec.Encode(builder, header), plan));
    }

    private void WriteDictionary(long id, Column values, bool isDelta)
    {
        var plan = new BodyPlan();
        plan.AddColumn(values);
        var header = new DictionaryBatchHeader(id, plan.Header(values.Length), isDelta);
        DictionaryBlocks.Add(Messages.Write(MessageKind.DictionaryBatch, builder => DictionaryBatchCodec.Encode(builder, header), plan));
    }

    public void Dispose()
    {
        foreach (var sender in _dictionaries)
            sender?.Dispose();
    }
}
