using FramesNet.Columns;
using A = Apache.Arrow;
using AT = Apache.Arrow.Types;

namespace FramesNet.Interop;

/// <summary>
/// Frames' data types, fields and schemas as Apache.Arrow's and back. Every Frames type has an Apache.Arrow twin;
/// Apache.Arrow types Frames does not hold (decimals, lists, structs, …) are refused naming the field.
/// </summary>
internal static class ApacheArrowTypes
{
    public static AT.IArrowType ToApache(DataType type) => type.Id switch
    {
        TypeId.Null => AT.NullType.Default,
        TypeId.Bool => AT.BooleanType.Default,
        TypeId.Int8 => AT.Int8Type.Default,
        TypeId.Int16 => AT.Int16Type.Default,
        TypeId.Int32 => AT.Int32Type.Default,
        TypeId.Int64 => AT.Int64Type.Default,
        TypeId.UInt8 => AT.UInt8Type.Default,
        TypeId.UInt16 => AT.UInt16Type.Default,
        TypeId.UInt32 => AT.UInt32Type.Default,
        TypeId.UInt64 => AT.UInt64Type.Default,
        TypeId.Float32 => AT.FloatType.Default,
        TypeId.Float64 => AT.DoubleType.Default,
        TypeId.Utf8 => AT.StringType.Default,
        TypeId.LargeUtf8 => AT.LargeStringType.Default,
        TypeId.Binary => AT.BinaryType.Default,
        TypeId.LargeBinary => AT.LargeBinaryType.Default,
        TypeId.Date32 => AT.Date32Type.Default,
        TypeId.Timestamp => new AT.TimestampType(ToApache(type.Unit), type.TimeZone),
        TypeId.Dictionary => new AT.DictionaryType(ToApache(type.IndexType!), ToApache(type.ValueType!), type.Ordered),
        _ => throw new NotSupportedException($"{type} has no Apache.Arrow type"),
    };

    /// <summary>The Frames type of <paramref name="type"/>; <paramref name="field"/> names the column in the error.</summary>
    public static DataType ToFrames(AT.IArrowType type, string field) => type switch
    {
        AT.NullType => DataType.Null,
        AT.BooleanType => DataType.Bool,
        AT.Int8Type => DataType.Int8,
        AT.Int16Type => DataType.Int16,
        AT.Int32Type => DataType.Int32,
        AT.Int64Type => DataType.Int64,
        AT.UInt8Type => DataType.UInt8,
        AT.UInt16Type => DataType.UInt16,
        AT.UInt32Type => DataType.UInt32,
        AT.UInt64Type => DataType.UInt64,
        AT.FloatType => DataType.Float32,
        AT.DoubleType => DataType.Float64,
        AT.StringType => DataType.Utf8,
        AT.LargeStringType => DataType.LargeUtf8,
        AT.BinaryType => DataType.Binary,
        AT.LargeBinaryType => DataType.LargeBinary,
        AT.Date32Type => DataType.Date32,
        AT.TimestampType t => DataType.Timestamp(ToFrames(t.Unit), t.Timezone),
        AT.DictionaryType d => DataType.Dictionary(ToFrames(d.IndexType, field), ToFrames(d.ValueType, field), d.Ordered),
        _ => throw new NotSupportedException(
            $"column '{field}' is of Apache.Arrow type {type.Name} ({type.TypeId}), which Frames does not hold; " +
            "Frames holds null, bool, (u)int8–64, float32/64, (large) utf8, (large) binary, date32, timestamp and dictionaries of these"),
    };

    public static A.Field ToApache(Field field) =>
        new(field.Name, ToApache(field.Type), field.Nullable, field.Metadata.Count == 0 ? null : field.Metadata);

    public static Field ToFrames(A.Field field) =>
        new(field.Name, ToFrames(field.DataType, field.Name), field.IsNullable, Metadata(field.Metadata));

    public static A.Schema ToApache(Schema schema) =>
        new(schema.Fields.Select(ToApache), schema.Metadata.Count == 0 ? null : schema.Metadata);

    public static Schema ToFrames(A.Schema schema) =>
        new(schema.FieldsList.Select(ToFrames), Metadata(schema.Metadata));

    private static IReadOnlyDictionary<string, string>? Metadata(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is { Count: > 0 } ? metadata : null;

    private static AT.TimeUnit ToApache(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => AT.TimeUnit.Second,
        TimeUnit.Millisecond => AT.TimeUnit.Millisecond,
        TimeUnit.Microsecond => AT.TimeUnit.Microsecond,
        _ => AT.TimeUnit.Nanosecond,
    };

    private static TimeUnit ToFrames(AT.TimeUnit unit) => unit switch
    {
        AT.TimeUnit.Second => TimeUnit.Second,
        AT.TimeUnit.Millisecond => TimeUnit.Millisecond,
        AT.TimeUnit.Microsecond => TimeUnit.Microsecond,
        _ => TimeUnit.Nanosecond,
    };
}
