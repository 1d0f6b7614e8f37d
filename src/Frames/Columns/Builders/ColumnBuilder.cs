namespace FramesNet.Columns;

/// <summary>Chooses the builder for a data type.</summary>
public static class ColumnBuilder
{
    public static IColumnBuilder Create(DataType type, int capacity = 1024) => type.Id switch
    {
        TypeId.Null => new NullColumnBuilder(),
        TypeId.Bool => new BooleanColumnBuilder(capacity),
        TypeId.Int8 => new PrimitiveColumnBuilder<sbyte>(type, capacity),
        TypeId.Int16 => new PrimitiveColumnBuilder<short>(type, capacity),
        TypeId.Int32 or TypeId.Date32 => new PrimitiveColumnBuilder<int>(type, capacity),
        TypeId.Int64 or TypeId.Timestamp => new PrimitiveColumnBuilder<long>(type, capacity),
        TypeId.UInt8 => new PrimitiveColumnBuilder<byte>(type, capacity),
        TypeId.UInt16 => new PrimitiveColumnBuilder<ushort>(type, capacity),
        TypeId.UInt32 => new PrimitiveColumnBuilder<uint>(type, capacity),
        TypeId.UInt64 => new PrimitiveColumnBuilder<ulong>(type, capacity),
        TypeId.Float32 => new PrimitiveColumnBuilder<float>(type, capacity),
        TypeId.Float64 => new PrimitiveColumnBuilder<double>(type, capacity),
        TypeId.Utf8 or TypeId.Binary => new BinaryColumnBuilder(type, capacity),
        TypeId.LargeUtf8 or TypeId.LargeBinary => new LargeBinaryColumnBuilder(type, capacity),
        _ => throw new NotSupportedException($"no builder for {type}: build the indices and the dictionary separately"),
    };
}
