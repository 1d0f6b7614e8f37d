using FramesNet.Columns;

namespace FramesNet.Formats.Arrow.Messages;

/// <summary>
/// A schema as IPC sees it: the <see cref="Columns.Schema"/> plus, per field, the id of the dictionary its
/// values come from (-1 for a field that is not dictionary-encoded).
/// </summary>
internal sealed class IpcSchema
{
    public IpcSchema(Schema schema, long[] dictionaryIds)
    {
        Schema = schema;
        DictionaryIds = dictionaryIds;
    }

    public Schema Schema { get; }

    public long[] DictionaryIds { get; }

    /// <summary>Numbers the dictionary fields 0, 1, ... in field order, as a writer does.</summary>
    public static IpcSchema ForWriting(Schema schema)
    {
        var ids = new long[schema.Count];
        var next = 0L;
        for (var i = 0; i < schema.Count; i++)
            ids[i] = schema[i].Type.Id == TypeId.Dictionary ? next++ : -1;
        return new IpcSchema(schema, ids);
    }
}
