using FramesNet.Formats.Csv;
using Proto = FramesNet.Rpc.Protocol;

namespace FramesNet.Cluster;

/// <summary>CSV read options to and from the protocol (the projection travels separately, as the columns read).</summary>
public static class CsvOptionsCodec
{
    public static Proto.CsvOptions ToProto(CsvReadOptions options)
    {
        var message = new Proto.CsvOptions
        {
            Delimiter = options.Delimiter.ToString(),
            HasHeader = options.HasHeader,
            SkipBadRows = options.SkipBadRows,
            BatchRows = options.BatchRows,
        };
        message.NullValues.AddRange(options.NullValues);
        if (options.Schema is not null)
            message.Schema = SchemaCodec.ToProto(options.Schema);
        return message;
    }

    public static CsvReadOptions FromProto(Proto.CsvOptions? message)
    {
        if (message is null)
            return new CsvReadOptions();
        if (message.Delimiter.Length > 1)
            throw new CodecException($"a CSV delimiter is one character, not '{message.Delimiter}'");
        var defaults = new CsvReadOptions();
        return defaults with
        {
            Delimiter = message.Delimiter.Length == 1 ? message.Delimiter[0] : defaults.Delimiter,
            HasHeader = message.HasHeader,
            NullValues = message.NullValues.Count > 0 ? message.NullValues.ToArray() : defaults.NullValues,
            SkipBadRows = message.SkipBadRows,
            BatchRows = message.BatchRows > 0 ? message.BatchRows : defaults.BatchRows,
            Schema = message.Schema is null ? null : SchemaCodec.FromProto(message.Schema),
        };
    }
}
