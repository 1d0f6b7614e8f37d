using FramesNet.Columns;
using FramesNet.Formats.Arrow.Flatbuffers;

namespace FramesNet.Formats.Arrow.Messages;

/// <summary>The <c>Type</c> union and <c>DictionaryEncoding</c> of Schema.fbs for the types Frames holds.</summary>
internal static class FieldTypeCodec
{
    // Union tags of `union Type` in Schema.fbs.
    private const byte Null = 1, Int = 2, FloatingPoint = 3, Binary = 4, Utf8 = 5, Bool = 6, Date = 8, Timestamp = 10,
        LargeBinary = 19, LargeUtf8 = 20;

    private static readonly string[] TagNames =
    [
        "NONE", "Null", "Int", "FloatingPoint", "Binary", "Utf8", "Bool", "Decimal", "Date", "Time", "Timestamp",
        "Interval", "List", "Struct", "Union", "FixedSizeBinary", "FixedSizeList", "Map", "Duration", "LargeBinary",
        "LargeUtf8", "LargeList", "RunEndEncoded", "BinaryView", "Utf8View", "ListView", "LargeListView",
    ];

    /// <summary>Writes the type table of a non-dictionary type; returns its union tag and reference.</summary>
    public static (byte Tag, int Table) Encode(FlatBufferBuilder builder, DataType type)
    {
        switch (type.Id)
        {
            case TypeId.Timestamp:
                var zone = type.TimeZone is null ? 0 : builder.CreateString(type.TimeZone);
                builder.StartTable(2);
                builder.AddOffset(1, zone);
                builder.AddInt16(0, (short)type.Unit);
                return (Timestamp, builder.EndTable());
            case TypeId.Date32:
                builder.StartTable(1);
                builder.AddInt16(0, 0, defaultValue: 1); // DateUnit.DAY; the schema's default is MILLISECOND
                return (Date, builder.EndTable());
            case TypeId.Float32 or TypeId.Float64:
                builder.StartTable(1);
                builder.AddInt16(0, type.Id == TypeId.Float32 ? (short)1 : (short)2);
                return (FloatingPoint, builder.EndTable());
            case var _ when type.IsInteger:
                return (Int, EncodeInt(builder, type));
        }
        var tag = type.Id switch
        {
            TypeId.Null => Null,
            TypeId.Bool => Bool,
            TypeId.Utf8 => Utf8,
            TypeId.LargeUtf8 => LargeUtf8,
            TypeId.Binary => Binary,
            TypeId.LargeBinary => LargeBinary,
            _ => throw new NotSupportedException($"Arrow IPC cannot write {type} as a plain type"),
        };
        builder.StartTable(0);
        return (tag, builder.EndTable());
    }

    public static int EncodeInt(FlatBufferBuilder builder, DataType type)
    {
        builder.StartTable(2);
        builder.AddInt32(0, type.ByteWidth * 8);
        builder.AddBool(1, type.IsSignedInteger);
        return builder.EndTable();
    }

    /// <summary>The DictionaryEncoding table of a dictionary field.</summary>
    public static int EncodeDictionary(FlatBufferBuilder builder, DataType type, long id)
    {
        var indexType = EncodeInt(builder, type.IndexType!);
        builder.StartTable(4);
        builder.AddInt64(0, id);
        builder.AddOffset(1, indexType);
        builder.AddBool(2, type.Ordered);
        return builder.EndTable();
    }

    /// <summary>The type of <paramref name="field"/> (a Field table), dictionary encoding included; sets the dictionary id.</summary>
    public static DataType Decode(FlatTable field, out long dictionaryId)
    {
        var valueType = DecodePlain(field);
        dictionaryId = -1;
        if (field.GetTable(4, "dictionary") is not { } encoding)
            return valueType;
        dictionaryId = encoding.GetInt64(0);
        if (dictionaryId < 0)
            throw encoding.Error($"negative dictionary id {dictionaryId}");
        var indexType = encoding.GetTable(1, "indexType") is { } intTable ? DecodeInt(intTable) : DataType.Int32;
        if (encoding.GetInt16(3) != 0)
            throw encoding.Error($"dictionary kind {encoding.GetInt16(3)} is not supported (only DenseArray)");
        return DataType.Dictionary(indexType, valueType, encoding.GetBool(2));
    }

    private static DataType DecodePlain(FlatTable field)
    {
        var tag = field.GetByte(2);
        var table = field.GetTable(3, "type");
        switch (tag)
        {
            case Null: return DataType.Null;
            case Bool: return DataType.Bool;
            case Utf8: return DataType.Utf8;
            case LargeUtf8: return DataType.LargeUtf8;
            case Binary: return DataType.Binary;
            case LargeBinary: return DataType.LargeBinary;
            case 0: throw field.Error("field has no type");
        }
        if (table is not { } t)
            throw field.Error($"type {NameOf(tag)} has no parameters table");
        switch (tag)
        {
            case Int:
                return DecodeInt(t);
            case FloatingPoint:
                return t.GetInt16(0) switch
                {
                    1 => DataType.Float32,
                    2 => DataType.Float64,
                    0 => throw t.Error("half-precision floats are not supported"),
                    var p => throw t.Error($"unknown float precision {p}"),
                };
            case Date:
                return t.GetInt16(0, 1) switch
                {
                    0 => DataType.Date32,
                    1 => throw t.Error("date64 (milliseconds) is not supported; Frames reads date32"),
                    var u => throw t.Error($"unknown date unit {u}"),
                };
            case Timestamp:
                var unit = t.GetInt16(0);
                if (unit is < 0 or > 3)
                    throw t.Error($"unknown time unit {unit}");
                return DataType.Timestamp((TimeUnit)unit, t.GetString(1, "timezone"));
            default:
                throw field.Error($"Arrow type {NameOf(tag)} is not supported by Frames");
        }
    }

    private static DataType DecodeInt(FlatTable table)
    {
        var signed = table.GetBool(1);
        return table.GetInt32(0) switch
        {
            8 => signed ? DataType.Int8 : DataType.UInt8,
            16 => signed ? DataType.Int16 : DataType.UInt16,
            32 => signed ? DataType.Int32 : DataType.UInt32,
            64 => signed ? DataType.Int64 : DataType.UInt64,
            var bits => throw table.Error($"integer bit width {bits} is not 8, 16, 32 or 64"),
        };
    }

    private static string NameOf(byte tag) => tag < TagNames.Length ? TagNames[tag] : $"#{tag}";
}
