// INTERIM: stands in for the library's FramesNet.Cluster.SchemaCodec / CsvOptionsCodec until they land in main; deleted then.
using FramesNet.Columns;
using FramesNet.Formats.Csv;

namespace FramesNet.Cluster;

internal static class SchemaCodec
{
    public static Rpc.Protocol.Schema ToProto(Schema schema)
    {
        var proto = new Rpc.Protocol.Schema();
        foreach (var field in schema.Fields)
            proto.Fields.Add(new Rpc.Protocol.Field { Name = field.Name, Type = field.Type.ToString(), Nullable = field.Nullable });
        return proto;
    }

    public static Schema FromProto(Rpc.Protocol.Schema schema) =>
        new(schema.Fields.Select(f => new Field(f.Name, DataType.Parse(f.Type), f.Nullable)).ToList());
}

internal static class CsvOptionsCodec
{
    public static CsvReadOptions FromProto(Rpc.Protocol.CsvOptions? options) => options is null ? new CsvReadOptions() : new CsvReadOptions
    {
        Delimiter = options.Delimiter.Length > 0 ? options.Delimiter[0] : ',',
        HasHeader = options.HasHeader,
        NullValues = options.NullValues.Count > 0 ? options.NullValues.ToList() : [""],
        SkipBadRows = options.SkipBadRows,
        BatchRows = options.BatchRows > 0 ? options.BatchRows : 64 * 1024,
        Schema = options.Schema is null ? null : SchemaCodec.FromProto(options.Schema),
    };
}
