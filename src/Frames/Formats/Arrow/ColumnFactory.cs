using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Formats.Arrow;

/// <summary>Builds the column class for a data type from Arrow-layout buffers (the untyped face of the constructors).</summary>
internal static class ColumnFactory
{
    public static Column Fixed(DataType type, int length, ArrowBuffer values, ArrowBuffer validity, int nullCount) => type.Id switch
    {
        TypeId.Int8 => new PrimitiveColumn<sbyte>(type, length, values, validity, nullCount),
        TypeId.Int16 => new PrimitiveColumn<short>(type, length, values, validity, nullCount),
        TypeId.Int32 or TypeId.Date32 => new PrimitiveColumn<int>(type, length, values, validity, nullCount),
        TypeId.Int64 or TypeId.Timestamp => new PrimitiveColumn<long>(type, length, values, validity, nullCount),
        TypeId.UInt8 => new PrimitiveColumn<byte>(type, length, values, validity, nullCount),
        TypeId.UInt16 => new PrimitiveColumn<ushort>(type, length, values, validity, nullCount),
        TypeId.UInt32 => new PrimitiveColumn<uint>(type, length, values, validity, nullCount),
        TypeId.UInt64 => new PrimitiveColumn<ulong>(type, length, values, validity, nullCount),
        TypeId.Float32 => new PrimitiveColumn<float>(type, length, values, validity, nullCount),
        TypeId.Float64 => new PrimitiveColumn<double>(type, length, values, validity, nullCount),
        TypeId.Bool => new BooleanColumn(length, values, validity, nullCount),
        _ => throw new ArgumentException($"{type} is not a fixed-width type"),
    };

    public static Column Variable(DataType type, int length, ArrowBuffer offsets, ArrowBuffer data, ArrowBuffer validity, int nullCount) =>
        type.Id is TypeId.Utf8 or TypeId.Binary
            ? new BinaryColumn(type, length, offsets, data, validity, nullCount)
            : new LargeBinaryColumn(type, length, offsets, data, validity, nullCount);

    /// <summary>A column of no values.</summary>
    public static Column Empty(DataType type) => type.Id switch
    {
        TypeId.Null => new NullColumn(0),
        TypeId.Utf8 or TypeId.Binary or TypeId.LargeUtf8 or TypeId.LargeBinary => Variable(type, 0, default, default, default, 0),
        TypeId.Dictionary => throw new NotSupportedException("a dictionary of dictionaries is not supported"),
        _ => Fixed(type, 0, default, default, 0),
    };
}
