using System.Reflection;
using FramesNet.Columns;
using FramesNet.Plan;

namespace FramesNet;

public static partial class Frames
{
    /// <summary>
    /// A DataFrame over columns given as arrays: <c>FromColumns(("id", new long[] { 1, 2 }), ("name", new[] { "a", null }))</c>.
    /// Element types map to Arrow types as in <see cref="FromRecords{T}"/>; nullable element types and null strings give nulls.
    /// </summary>
    public static DataFrame FromColumns(params (string Name, Array Values)[] columns) => FromColumns(FramesContext.Local, 1, columns);

    public static DataFrame FromColumns(FramesContext context, int partitions, params (string Name, Array Values)[] columns)
    {
        var lengths = columns.Select(c => c.Values.Length).Distinct().ToList();
        if (lengths.Count > 1)
            throw new ArgumentException($"columns have different lengths: {string.Join(", ", columns.Select(c => $"{c.Name}={c.Values.Length}"))}");
        var types = columns.Select(c => ClrColumnType.For(c.Values.GetType().GetElementType()!, c.Name)).ToArray();
        var fields = columns.Select((c, i) => new Field(c.Name, types[i].Type)).ToArray();
        var built = columns.Select((c, i) =>
        {
            var builder = ColumnBuilder.Create(fields[i].Type, c.Values.Length);
            foreach (var value in c.Values)
                builder.AppendObject(types[i].ToColumnValue(value));
            return builder.Build();
        }).ToArray();
        var schema = new Schema(fields);
        return FromBatches(schema, [new RecordBatch(schema, built, lengths.FirstOrDefault())], context, partitions);
    }

    /// <summary>
    /// A DataFrame over the public properties of <paramref name="records"/>, one column per property: long → int64,
    /// int, short, sbyte and the unsigned widths → their Arrow integer, double → float64, float → float32, decimal →
    /// float64 (Frames has no decimal128 yet), bool, string and char → utf8, byte[] → binary, DateOnly → date32, DateTime →
    /// timestamp[us], DateTimeOffset → timestamp[us, UTC], TimeSpan → int64 microseconds (no duration type yet), Guid →
    /// utf8 (<c>D</c> format), enums → utf8 (their names); the nullable form of each gives the same type with nulls.
    /// </summary>
    public static DataFrame FromRecords<T>(IEnumerable<T> records, FramesContext? context = null, int partitions = 1)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();
        if (properties.Length == 0)
            throw new ArgumentException($"{CSharpTypeName.Of(typeof(T))} has no public properties to make columns of");
        var types = properties.Select(p => ClrColumnType.For(p.PropertyType, p.Name)).ToArray();
        var fields = properties.Select((p, i) => new Field(p.Name, types[i].Type)).ToArray();
        var builders = fields.Select(f => ColumnBuilder.Create(f.Type)).ToArray();
        foreach (var record in records)
            for (var i = 0; i < properties.Length; i++)
                builders[i].AppendObject(types[i].ToColumnValue(properties[i].GetValue(record)));
        var columns = builders.Select(b => b.Build()).ToArray();
        var schema = new Schema(fields);
        return FromBatches(schema, [new RecordBatch(schema, columns, columns[0].Length)], context, partitions);
    }

    /// <summary>A DataFrame over record batches already in memory.</summary>
    public static DataFrame FromBatches(Schema schema, IReadOnlyList<RecordBatch> batches, FramesContext? context = null, int partitions = 1) =>
        new(new ScanNode(new MemorySource(schema, batches, partitions)), context ?? FramesContext.Local);
}
