using FramesNet.Columns;
using FramesNet.Formats.Arrow.Flatbuffers;

namespace FramesNet.Formats.Arrow.Messages;

/// <summary><c>table Schema</c>, <c>table Field</c> and <c>table KeyValue</c> of Schema.fbs.</summary>
internal static class SchemaCodec
{
    private const int EndiannessSlot = 0, FieldsSlot = 1, SchemaMetadataSlot = 2;
    private const int NameSlot = 0, NullableSlot = 1, TypeTagSlot = 2, TypeSlot = 3, DictionarySlot = 4, ChildrenSlot = 5, FieldMetadataSlot = 6;

    public static int Encode(FlatBufferBuilder builder, IpcSchema ipc)
    {
        var schema = ipc.Schema;
        var fields = new int[schema.Count];
        for (var i = 0; i < fields.Length; i++)
            fields[i] = EncodeField(builder, schema[i], ipc.DictionaryIds[i]);
        var fieldVector = builder.CreateOffsetVector(fields);
        var metadata = EncodeMetadata(builder, schema.Metadata);
        builder.StartTable(4);
        builder.AddOffset(FieldsSlot, fieldVector);
        builder.AddOffset(SchemaMetadataSlot, metadata);
        return builder.EndTable();
    }

    private static int EncodeField(FlatBufferBuilder builder, Field field, long dictionaryId)
    {
        var name = builder.CreateString(field.Name);
        var valueType = field.Type.Id == TypeId.Dictionary ? field.Type.ValueType! : field.Type;
        var (tag, type) = FieldTypeCodec.Encode(builder, valueType);
        var dictionary = field.Type.Id == TypeId.Dictionary ? FieldTypeCodec.EncodeDictionary(builder, field.Type, dictionaryId) : 0;
        var children = builder.CreateOffsetVector([]); // some readers insist on the vector being present
        var metadata = EncodeMetadata(builder, field.Metadata);
        builder.StartTable(7);
        builder.AddOffset(NameSlot, name);
        builder.AddOffset(TypeSlot, type);
        builder.AddOffset(DictionarySlot, dictionary);
        builder.AddOffset(ChildrenSlot, children);
        builder.AddOffset(FieldMetadataSlot, metadata);
        builder.AddByte(TypeTagSlot, tag);
        builder.AddBool(NullableSlot, field.Nullable);
        return builder.EndTable();
    }

    private static int EncodeMetadata(FlatBufferBuilder builder, IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.Count == 0)
            return 0;
        var pairs = new int[metadata.Count];
        var i = 0;
        foreach (var (key, value) in metadata)
        {
            var k = builder.CreateString(key);
            var v = builder.CreateString(value);
            builder.StartTable(2);
            builder.AddOffset(0, k);
            builder.AddOffset(1, v);
            pairs[i++] = builder.EndTable();
        }
        return builder.CreateOffsetVector(pairs);
    }

    public static IpcSchema Decode(FlatTable table)
    {
        if (table.GetInt16(EndiannessSlot) != 0)
            throw table.Error("big-endian data is not supported");
        var vector = table.GetVector(FieldsSlot, 4, "fields");
        var fields = new Field[vector.Count];
        var ids = new long[vector.Count];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
        {
            var field = vector.TableAt(i);
            var name = field.GetString(NameSlot, "name") ?? "";
            if (!names.Add(name))
                throw field.Error($"duplicate field name '{name}'");
            var type = FieldTypeCodec.Decode(field, out ids[i]);
            if (field.GetVector(ChildrenSlot, 4, "children").Count != 0)
                throw field.Error($"field '{name}' of type {type} has children; nested types are not supported");
            fields[i] = new Field(name, type, field.GetBool(NullableSlot), DecodeMetadata(field, FieldMetadataSlot));
        }
        CheckSharedDictionaries(table, fields, ids);
        return new IpcSchema(new Schema(fields, DecodeMetadata(table, SchemaMetadataSlot)), ids);
    }

    /// <summary>Fields may share a dictionary id only when their value types agree.</summary>
    private static void CheckSharedDictionaries(FlatTable table, Field[] fields, long[] ids)
    {
        var valueTypes = new Dictionary<long, DataType>();
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].Type.Id != TypeId.Dictionary)
                continue;
            if (valueTypes.TryGetValue(ids[i], out var seen) && seen != fields[i].Type.ValueType)
                throw table.Error($"dictionary id {ids[i]} is used for {seen} and for {fields[i].Type.ValueType} (field '{fields[i].Name}')");
            valueTypes[ids[i]] = fields[i].Type.ValueType!;
        }
    }

    private static Dictionary<string, string>? DecodeMetadata(FlatTable table, int slot)
    {
        var vector = table.GetVector(slot, 4, "custom_metadata");
        if (vector.Count == 0)
            return null;
        var metadata = new Dictionary<string, string>(vector.Count, StringComparer.Ordinal);
        for (var i = 0; i < vector.Count; i++)
        {
            var pair = vector.TableAt(i);
            metadata[pair.GetString(0, "key") ?? ""] = pair.GetString(1, "value") ?? "";
        }
        return metadata;
    }
}
