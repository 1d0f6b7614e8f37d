namespace FramesNet.Columns;

public sealed partial class DataType
{
    public override string ToString() => Id switch
    {
        TypeId.Timestamp => TimeZone is null
            ? $"timestamp[{UnitName(Unit)}]"
            : $"timestamp[{UnitName(Unit)}, tz={TimeZone}]",
        TypeId.Dictionary =>
            $"dictionary<values={ValueType}, indices={IndexType}, ordered={(Ordered ? "true" : "false")}>",
        _ => SimpleName(Id),
    };

    /// <summary>Parses the notation <see cref="ToString"/> prints, plus the aliases string, boolean, double.</summary>
    public static DataType Parse(string text)
    {
        if (TryParse(text, out var type))
            return type;
        throw new FormatException($"unknown data type '{text}' (expected one of bool, int8..int64, uint8..uint64, float32, float64, utf8, large_utf8, binary, large_binary, date32, timestamp[s|ms|us|ns(, tz=ZONE)])");
    }

    public static bool TryParse(string text, out DataType type)
    {
        text = text.Trim();
        type = text switch
        {
            "null" => Null,
            "bool" or "boolean" => Bool,
            "int8" => Int8,
            "int16" => Int16,
            "int32" => Int32,
            "int64" => Int64,
            "uint8" => UInt8,
            "uint16" => UInt16,
            "uint32" => UInt32,
            "uint64" => UInt64,
            "float32" or "float" => Float32,
            "float64" or "double" => Float64,
            "utf8" or "string" => Utf8,
            "large_utf8" => LargeUtf8,
            "binary" => Binary,
            "large_binary" => LargeBinary,
            "date32" => Date32,
            _ => null!,
        };
        if (type is not null)
            return true;
        if (text.StartsWith("dictionary<values=", StringComparison.Ordinal) && text.EndsWith('>'))
            return TryParseDictionary(text["dictionary<".Length..^1], out type);
        if (text.StartsWith("timestamp[", StringComparison.Ordinal) && text.EndsWith(']'))
        {
            var inner = text["timestamp[".Length..^1];
            string? zone = null;
            var comma = inner.IndexOf(',');
            if (comma >= 0)
            {
                var rest = inner[(comma + 1)..].Trim();
                if (!rest.StartsWith("tz=", StringComparison.Ordinal))
                    return false;
                zone = rest[3..];
                inner = inner[..comma];
            }
            TimeUnit? unit = inner.Trim() switch
            {
                "s" => TimeUnit.Second,
                "ms" => TimeUnit.Millisecond,
                "us" => TimeUnit.Microsecond,
                "ns" => TimeUnit.Nanosecond,
                _ => null,
            };
            if (unit is null)
                return false;
            type = Timestamp(unit.Value, zone);
            return true;
        }
        return false;
    }

    /// <summary>Parses <c>values=T, indices=I, ordered=B</c>; T may itself contain commas (a timestamp with a zone).</summary>
    private static bool TryParseDictionary(string inner, out DataType type)
    {
        type = null!;
        var ordered = inner.LastIndexOf(", ordered=", StringComparison.Ordinal);
        var indices = inner.LastIndexOf(", indices=", StringComparison.Ordinal);
        if (ordered < 0 || indices < 0 || indices > ordered)
            return false;
        var valueText = inner["values=".Length..indices];
        var indexText = inner[(indices + ", indices=".Length)..ordered];
        var orderedText = inner[(ordered + ", ordered=".Length)..];
        if (!TryParse(valueText, out var values) || !TryParse(indexText, out var index) || !index.IsInteger || orderedText is not ("true" or "false"))
            return false;
        type = Dictionary(index, values, orderedText == "true");
        return true;
    }

    internal static string UnitName(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => "s",
        TimeUnit.Millisecond => "ms",
        TimeUnit.Microsecond => "us",
        TimeUnit.Nanosecond => "ns",
    };

    private static string SimpleName(TypeId id) => id switch
    {
        TypeId.Null => "null",
        TypeId.Bool => "bool",
        TypeId.Int8 => "int8",
        TypeId.Int16 => "int16",
        TypeId.Int32 => "int32",
        TypeId.Int64 => "int64",
        TypeId.UInt8 => "uint8",
        TypeId.UInt16 => "uint16",
        TypeId.UInt32 => "uint32",
        TypeId.UInt64 => "uint64",
        TypeId.Float32 => "float32",
        TypeId.Float64 => "float64",
        TypeId.Utf8 => "utf8",
        TypeId.LargeUtf8 => "large_utf8",
        TypeId.Binary => "binary",
        TypeId.LargeBinary => "large_binary",
        TypeId.Date32 => "date32",
        _ => id.ToString().ToLowerInvariant(),
    };
}
