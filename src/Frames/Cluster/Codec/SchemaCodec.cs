using FramesNet.Columns;
using Proto = FramesNet.Rpc.Protocol;

namespace FramesNet.Cluster;

/// <summary>Schemas to and from the protocol; types travel in the notation of <see cref="DataType.ToString"/>.</summary>
public static class SchemaCodec
{
    public static Proto.Schema ToProto(Schema schema)
    {
        var message = new Proto.Schema();
        foreach (var field in schema.Fields)
        {
            var f = new Proto.Field { Name = field.Name, Type = field.Type.ToString(), Nullable = field.Nullable };
            f.Metadata.AddRange(field.Metadata.Select(kv => new Proto.KeyValue { Key = kv.Key, Value = kv.Value }));
            message.Fields.Add(f);
        }
        message.Metadata.AddRange(schema.Metadata.Select(kv => new Proto.KeyValue { Key = kv.Key, Value = kv.Value }));
        return message;
    }

    public static Schema FromProto(Proto.Schema? message)
    {
        if (message is null)
            throw new CodecException("a schema is missing");
        return new Schema(
            message.Fields.Select(f => new Field(f.Name, ParseType(f.Type, f.Name), f.Nullable, Metadata(f.Metadata))),
            Metadata(message.Metadata));
    }

    internal static DataType ParseType(string text, string what) =>
        DataType.TryParse(text, out var type) ? type : throw new CodecException($"{what}: unknown type '{text}'");

    private static IReadOnlyDictionary<string, string>? Metadata(IEnumerable<Proto.KeyValue> pairs)
    {
        var map = pairs.ToDictionary(p => p.Key, p => p.Value);
        return map.Count == 0 ? null : map;
    }
}

/// <summary>A protocol message that does not describe a valid plan piece (a bug, or a version mismatch between client and worker).</summary>
public sealed class CodecException(string message) : Exception(message);
