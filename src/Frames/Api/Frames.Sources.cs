using System.Reflection;
using FramesNet.Columns;
using FramesNet.Plan;

namespace FramesNet;

public static partial class Frames
{
    /// <summary>
    /// A DataFrame over columns given as arrays: <c>FromColumns(("id", new long[] { 1, 2 }), ("name", new[] { "a", null }))</c>.
    /// Element types map to Arrow types (long → int64, double → float64, string → utf8, DateOnly → date32,
    /// DateTime → timestamp[us], bool, and the other integer widths); nullable element types and null strings give nulls.
    /// </summary>
    public static DataFrame FromColumns(params (string Name, Array Values)[] columns) => FromColumns(FramesContext.Local, 1, columns);

    public static DataFrame FromColumns(FramesContext context, int partitions, params (string Name, Array Values)[] columns)
    {
        var lengths = columns.Select(c => c.Values.Length).Distinct().ToList();
        if (lengths.Count > 1)
            throw new ArgumentException($"columns have different lengths: {string.Join(", ", columns.Select(c => $"{c.Name}={c.Values.Length}"))}");
        var fields = columns.Select(c => new Field(c.Name, TypeOf(c.Values.GetType().GetElementType()!, c.Name))).ToArray();
        var built = columns.Select((c, i) =>
        {
            var builder = ColumnBuilder.Create(fields[i].Type, c.Values.Length);
            foreach (var value in c.Values)
                builder.AppendObject(value);
            return builder.Build();
        }).ToArray();
        var schema = new Schema(fields);
        return FromBatches(schema, [new RecordBatch(schema, built, lengths.FirstOrDefault())], context, partitions);
    }

    /// <summary>A DataFrame over the public properties of <paramref name="records"/>, one column per property.</summary>
    public static DataFrame FromRecords<T>(IEnumerable<T> records, FramesContext? context = null, int partitions = 1)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();
        if (properties.Length == 0)
            throw new ArgumentException($"{typeof(T).Name} has no public properties to make columns of");
        var fields = properties.Select(p => new Field(p.Name, TypeOf(p.PropertyType, p.Name))).ToArray();
        var builders = fields.Select(f => ColumnBuilder.Create(f.Type)).ToArray();
        foreach (var record in records)
            for (var i = 0; i < properties.Length; i++)
                builders[i].AppendObject(properties[i].GetValue(record));
        var columns = builders.Select(b => b.Build()).ToArray();
        var schema = new Schema(fields);
        return FromBatches(schema, [new RecordBatch(schema, columns, columns[0].Length)], context, partitions);
    }

    /// <summary>A DataFrame over record batches already in memory.</summary>
    public static DataFrame FromBatches(Schema schema, IReadOnlyList<RecordBatch> batches, FramesContext? context = null, int partitions = 1) =>
        new(new ScanNode(new MemorySource(schema, batches, partitions)), context ?? FramesContext.Local);

    private static DataType TypeOf(Type type, string column)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(long)) return DataType.Int64;
        if (t == typeof(int)) return DataType.Int32;
        if (t == typeof(short)) return DataType.Int16;
        if (t == typeof(sbyte)) return DataType.Int8;
        if (t == typeof(ulong)) return DataType.UInt64;
        if (t == typeof(uint)) return DataType.UInt32;
        if (t == typeof(ushort)) return DataType.UInt16;
        if (t == typeof(byte)) return DataType.UInt8;
        if (t == typeof(double)) return DataType.Float64;
        if (t == typeof(float)) return DataType.Float32;
        if (t == typeof(bool)) return DataType.Bool;
        if (t == typeof(string)) return DataType.Utf8;
        if (t == typeof(byte[])) return DataType.Binary;
        if (t == typeof(DateOnly)) return DataType.Date32;
        if (t == typeof(DateTime)) return DataType.Timestamp(TimeUnit.Microsecond);
        if (t == typeof(DateTimeOffset)) return DataType.Timestamp(TimeUnit.Microsecond, "UTC");
        throw new ArgumentException($"column '{column}': no Arrow type for {type.Name}");
    }
}
