using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>Chooses the typed accumulator for an aggregate over an input type, and rejects what makes no sense.</summary>
internal static class AccumulatorFactory
{
    public static Accumulator Create(AggregateSpec spec, Schema input)
    {
        if (spec.Function == AggregateKind.CountAll)
            return new CountAccumulator(spec.Name, countNulls: true);
        if ((uint)spec.Column >= (uint)input.Count)
            throw new ArgumentException($"aggregate '{spec.Name}' reads column {spec.Column}, but the input has {input.Count} columns");
        var field = input[spec.Column];
        var type = field.Type.Id == TypeId.Dictionary ? field.Type.ValueType! : field.Type;
        return spec.Function switch
        {
            AggregateKind.Count => new CountAccumulator(spec.Name, countNulls: false),
            AggregateKind.CountDistinct => new CountDistinctAccumulator(spec.Name, type),
            AggregateKind.Sum when type.IsInteger => Numeric<IntegerSumFactory>(spec, field, type),
            AggregateKind.Sum when type.IsFloating => Numeric<FloatSumFactory>(spec, field, type),
            AggregateKind.Mean => Numeric<MeanFactory>(spec, field, type),
            AggregateKind.Std or AggregateKind.Var => Numeric<VarianceFactory>(spec, field, type),
            AggregateKind.Min or AggregateKind.Max or AggregateKind.First or AggregateKind.Last =>
                type.Id is TypeId.Utf8 or TypeId.Binary ? new BinaryValueAccumulator(spec.Name, type, ValueKindOf(spec.Function)) : Value(spec, field, type, ValueKindOf(spec.Function)),
            _ => throw Unsupported(spec, field),
        };
    }

    private static ValueKind ValueKindOf(AggregateKind function) => function switch
    {
        AggregateKind.Min => ValueKind.Min,
        AggregateKind.Max => ValueKind.Max,
        AggregateKind.First => ValueKind.First,
        AggregateKind.Last => ValueKind.Last,
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not a value-keeping aggregate"),
    };

    private static NotSupportedException Unsupported(AggregateSpec spec, Field field) =>
        new($"{spec.Function} of column '{field.Name}' ({field.Type}) is not supported (aggregate '{spec.Name}')");

    private interface INumericFactory
    {
        static abstract Accumulator Create<T>(AggregateSpec spec) where T : unmanaged;
    }

    private readonly struct IntegerSumFactory : INumericFactory
    {
        public static Accumulator Create<T>(AggregateSpec spec) where T : unmanaged => new IntegerSumAccumulator<T>(spec.Name);
    }

    private readonly struct FloatSumFactory : INumericFactory
    {
        public static Accumulator Create<T>(AggregateSpec spec) where T : unmanaged => new FloatSumAccumulator<T>(spec.Name);
    }

    private readonly struct MeanFactory : INumericFactory
    {
        public static Accumulator Create<T>(AggregateSpec spec) where T : unmanaged => new MeanAccumulator<T>(spec.Name);
    }

    private readonly struct VarianceFactory : INumericFactory
    {
        public static Accumulator Create<T>(AggregateSpec spec) where T : unmanaged =>
            new VarianceAccumulator<T>(spec.Name, spec.Function == AggregateKind.Std);
    }

    private static Accumulator Numeric<TFactory>(AggregateSpec spec, Field field, DataType type) where TFactory : INumericFactory => type.Id switch
    {
        TypeId.Int8 => TFactory.Create<sbyte>(spec),
        TypeId.Int16 => TFactory.Create<short>(spec),
        TypeId.Int32 => TFactory.Create<int>(spec),
        TypeId.Int64 => TFactory.Create<long>(spec),
        TypeId.UInt8 => TFactory.Create<byte>(spec),
        TypeId.UInt16 => TFactory.Create<ushort>(spec),
        TypeId.UInt32 => TFactory.Create<uint>(spec),
        TypeId.UInt64 => TFactory.Create<ulong>(spec),
        TypeId.Float32 => TFactory.Create<float>(spec),
        TypeId.Float64 => TFactory.Create<double>(spec),
        _ => throw Unsupported(spec, field),
    };

    private static Accumulator Value(AggregateSpec spec, Field field, DataType type, ValueKind kind) => type.Id switch
    {
        TypeId.Bool or TypeId.UInt8 => new PrimitiveValueAccumulator<byte>(spec.Name, type, kind),
        TypeId.Int8 => new PrimitiveValueAccumulator<sbyte>(spec.Name, type, kind),
        TypeId.Int16 => new PrimitiveValueAccumulator<short>(spec.Name, type, kind),
        TypeId.Int32 or TypeId.Date32 => new PrimitiveValueAccumulator<int>(spec.Name, type, kind),
        TypeId.Int64 or TypeId.Timestamp => new PrimitiveValueAccumulator<long>(spec.Name, type, kind),
        TypeId.UInt16 => new PrimitiveValueAccumulator<ushort>(spec.Name, type, kind),
        TypeId.UInt32 => new PrimitiveValueAccumulator<uint>(spec.Name, type, kind),
        TypeId.UInt64 => new PrimitiveValueAccumulator<ulong>(spec.Name, type, kind),
        TypeId.Float32 => new PrimitiveValueAccumulator<float>(spec.Name, type, kind),
        TypeId.Float64 => new PrimitiveValueAccumulator<double>(spec.Name, type, kind),
        _ => throw Unsupported(spec, field),
    };
}
