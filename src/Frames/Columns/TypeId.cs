namespace FramesNet.Columns;

/// <summary>The Arrow logical types Frames can hold in memory.</summary>
public enum TypeId : byte
{
    Null,
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float32,
    Float64,
    /// <summary>UTF-8 strings, int32 offsets.</summary>
    Utf8,
    /// <summary>UTF-8 strings, int64 offsets.</summary>
    LargeUtf8,
    Binary,
    LargeBinary,
    /// <summary>Days since 1970-01-01, int32.</summary>
    Date32,
    /// <summary>int64 count of <see cref="TimeUnit"/> since the Unix epoch, optionally with a time zone.</summary>
    Timestamp,
    /// <summary>Integer indices into a dictionary of values.</summary>
    Dictionary,
}

public enum TimeUnit : byte
{
    Second,
    Millisecond,
    Microsecond,
    Nanosecond,
}
