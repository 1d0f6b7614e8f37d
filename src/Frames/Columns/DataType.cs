namespace FramesNet.Columns;

/// <summary>
/// An Arrow data type: a <see cref="TypeId"/> plus the parameters some types carry (time unit and zone,
/// dictionary index and value types). Compared by value; prints in the notation of the Arrow interop
/// tool (<c>int64</c>, <c>timestamp[us, tz=UTC]</c>, <c>dictionary&lt;values=utf8, indices=int32, ordered=false&gt;</c>).
/// </summary>
public sealed partial class DataType : IEquatable<DataType>
{
    private DataType(TypeId id, TimeUnit unit = default, string? timeZone = null,
        DataType? indexType = null, DataType? valueType = null, bool ordered = false)
    {
        Id = id;
        Unit = unit;
        TimeZone = timeZone;
        IndexType = indexType;
        ValueType = valueType;
        Ordered = ordered;
    }

    public static DataType Null { get; } = new(TypeId.Null);
    public static DataType Bool { get; } = new(TypeId.Bool);
    public static DataType Int8 { get; } = new(TypeId.Int8);
    public static DataType Int16 { get; } = new(TypeId.Int16);
    public static DataType Int32 { get; } = new(TypeId.Int32);
    public static DataType Int64 { get; } = new(TypeId.Int64);
    public static DataType UInt8 { get; } = new(TypeId.UInt8);
    public static DataType UInt16 { get; } = new(TypeId.UInt16);
    public static DataType UInt32 { get; } = new(TypeId.UInt32);
    public static DataType UInt64 { get; } = new(TypeId.UInt64);
    public static DataType Float32 { get; } = new(TypeId.Float32);
    public static DataType Float64 { get; } = new(TypeId.Float64);
    public static DataType Utf8 { get; } = new(TypeId.Utf8);
    public static DataType LargeUtf8 { get; } = new(TypeId.LargeUtf8);
    public static DataType Binary { get; } = new(TypeId.Binary);
    public static DataType LargeBinary { get; } = new(TypeId.LargeBinary);
    public static DataType Date32 { get; } = new(TypeId.Date32);

    /// <summary>
    /// The type a column of CLR values of <paramref name="clrType"/> gets in Frames (as <c>Frames.FromRecords</c> maps
    /// properties): <c>long</c> → int64, <c>DateTime</c> → timestamp[us], <c>DateTimeOffset</c> → timestamp[us, UTC],
    /// <c>decimal</c> → float64, <c>char</c>, enums and <c>Guid</c> → utf8, <c>TimeSpan</c> → int64 microseconds, nullable
    /// forms as their value type. Throws naming the supported types for any other.
    /// </summary>
    public static DataType ForClrType(Type clrType) =>
        ClrColumnType.TryFor(clrType)?.Type
        ?? throw new ArgumentException($"no Frames type for {CSharpTypeName.Of(clrType)}; supported: {ClrColumnType.Supported}", nameof(clrType));

    public static DataType Timestamp(TimeUnit unit, string? timeZone = null) =>
        new(TypeId.Timestamp, unit, string.IsNullOrEmpty(timeZone) ? null : timeZone);

    public static DataType Dictionary(DataType indexType, DataType valueType, bool ordered = false)
    {
        if (!indexType.IsInteger)
            throw new ArgumentException($"dictionary indices must be an integer type, not {indexType}", nameof(indexType));
        return new DataType(TypeId.Dictionary, indexType: indexType, valueType: valueType, ordered: ordered);
    }

    public TypeId Id { get; }

    /// <summary>For <see cref="TypeId.Timestamp"/>.</summary>
    public TimeUnit Unit { get; }

    /// <summary>For <see cref="TypeId.Timestamp"/>: the zone name, or null for a zone-less (wall clock) timestamp.</summary>
    public string? TimeZone { get; }

    /// <summary>For <see cref="TypeId.Dictionary"/>.</summary>
    public DataType? IndexType { get; }

    /// <summary>For <see cref="TypeId.Dictionary"/>.</summary>
    public DataType? ValueType { get; }

    /// <summary>For <see cref="TypeId.Dictionary"/>.</summary>
    public bool Ordered { get; }

    /// <summary>The type values have, however they are stored: a dictionary's value type, else this type.</summary>
    public DataType Logical => Id == TypeId.Dictionary ? ValueType! : this;

    public bool IsSignedInteger => Id is TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64;
    public bool IsUnsignedInteger => Id is TypeId.UInt8 or TypeId.UInt16 or TypeId.UInt32 or TypeId.UInt64;
    public bool IsInteger => IsSignedInteger || IsUnsignedInteger;
    public bool IsFloating => Id is TypeId.Float32 or TypeId.Float64;
    public bool IsNumeric => IsInteger || IsFloating;
    public bool IsString => Id is TypeId.Utf8 or TypeId.LargeUtf8;
    public bool IsTemporal => Id is TypeId.Date32 or TypeId.Timestamp;

    /// <summary>Bytes per value for fixed-width types; 0 for bool (bit-packed) and for variable-width types.</summary>
    public int ByteWidth => Id switch
    {
        TypeId.Int8 or TypeId.UInt8 => 1,
        TypeId.Int16 or TypeId.UInt16 => 2,
        TypeId.Int32 or TypeId.UInt32 or TypeId.Float32 or TypeId.Date32 => 4,
        TypeId.Int64 or TypeId.UInt64 or TypeId.Float64 or TypeId.Timestamp => 8,
        _ => 0,
    };

    public bool Equals(DataType? other) =>
        other is not null && (ReferenceEquals(this, other) ||
        (Id == other.Id && Unit == other.Unit && TimeZone == other.TimeZone && Ordered == other.Ordered &&
         Equals(IndexType, other.IndexType) && Equals(ValueType, other.ValueType)));

    public override bool Equals(object? obj) => Equals(obj as DataType);

    public override int GetHashCode() => HashCode.Combine(Id, Unit, TimeZone, IndexType, ValueType, Ordered);

    public static bool operator ==(DataType? a, DataType? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(DataType? a, DataType? b) => !(a == b);
}
