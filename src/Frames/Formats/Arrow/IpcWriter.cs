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

    public void WriteBatch(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CheckSchema(batch.Schema);
        var plan = new BodyPlan();
        for (var i = 0; i < batch.ColumnCount; i++)
        {
            var column = batch.Column(i);
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

    private void CheckSchema(Schema schema)
    {
        var expected = _schema.Schema;
        if (ReferenceEquals(schema, expected))
            return;
        if (schema.Count != expected.Count)
            throw new ArgumentException($"the batch has {schema.Count} columns but the writer's schema has {expected.Count}");
        for (var i = 0; i < schema.Count; i++)
            if (schema[i].Type != expected[i].Type)
                throw new ArgumentException($"column {i} ('{schema[i].Name}') holds {schema[i].Type} but the writer's schema says {expected[i].Type}");
    }

    public void Dispose()
    {
        foreach (var sender in _dictionaries)
            sender?.Dispose();
    }
}
