using FramesNet.Columns;

namespace FramesNet;

/// <summary>
/// The Arrow type a .NET type becomes in <see cref="Frames.FromRecords{T}"/> and <see cref="Frames.FromColumns(ValueTuple{string, Array}[])"/>,
/// and how its values are turned into what that type stores. Nullable forms (<c>int?</c>) give the same type with nulls.
/// </summary>
internal sealed class ClrColumnType
{
    /// <summary>The supported types as written in C#, for the message about one that is not.</summary>
    public const string Supported = "long, int, short, sbyte, ulong, uint, ushort, byte, double, float, decimal, bool, string, char, byte[], " +
                                    "DateOnly, DateTime, DateTimeOffset, TimeSpan, Guid, enums, and their nullable forms";

    private readonly Func<object, object>? _convert;

    private ClrColumnType(DataType type, Func<object, object>? convert = null)
    {
        Type = type;
        _convert = convert;
    }

    public DataType Type { get; }

    /// <summary>The value as the column's builder takes it (null stays null).</summary>
    public object? ToColumnValue(object? value) => value is null || _convert is null ? value : _convert(value);

    public static ClrColumnType For(Type type, string column) =>
        TryFor(type) ?? throw new ArgumentException($"column '{column}': no Arrow type for {CSharpTypeName.Of(type)}; supported: {Supported}");

    /// <summary>How values of <paramref name="type"/> are held in a column; null when Frames has no type for it.</summary>
    public static ClrColumnType? TryFor(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum) return new(DataType.Utf8, v => v.ToString()!);
        if (t == typeof(long)) return new(DataType.Int64);
        if (t == typeof(int)) return new(DataType.Int32);
        if (t == typeof(short)) return new(DataType.Int16);
        if (t == typeof(sbyte)) return new(DataType.Int8);
        if (t == typeof(ulong)) return new(DataType.UInt64);
        if (t == typeof(uint)) return new(DataType.UInt32);
        if (t == typeof(ushort)) return new(DataType.UInt16);
        if (t == typeof(byte)) return new(DataType.UInt8);
        if (t == typeof(double)) return new(DataType.Float64);
        if (t == typeof(float)) return new(DataType.Float32);
        // Frames has no decimal128 yet: decimals become float64 (about 15-17 significant digits).
        if (t == typeof(decimal)) return new(DataType.Float64, v => (double)(decimal)v);
        if (t == typeof(bool)) return new(DataType.Bool);
        if (t == typeof(string)) return new(DataType.Utf8);
        if (t == typeof(char)) return new(DataType.Utf8, v => v.ToString()!);
        if (t == typeof(byte[])) return new(DataType.Binary);
        if (t == typeof(DateOnly)) return new(DataType.Date32);
        if (t == typeof(DateTime)) return new(DataType.Timestamp(TimeUnit.Microsecond));
        if (t == typeof(DateTimeOffset)) return new(DataType.Timestamp(TimeUnit.Microsecond, "UTC"));
        // Frames has no duration type yet: a TimeSpan is its whole microseconds, as int64 (sub-microsecond ticks dropped).
        if (t == typeof(TimeSpan)) return new(DataType.Int64, v => ((TimeSpan)v).Ticks / TimeSpan.TicksPerMicrosecond);
        if (t == typeof(Guid)) return new(DataType.Utf8, v => ((Guid)v).ToString("D"));
        return null;
    }
}
