using System.Globalization;
using System.Numerics;
using FramesNet.Columns;
using FramesNet.Expressions.Binding;

namespace FramesNet.Expressions.Evaluation;

/// <summary>
/// CAST: typed loops for the common numeric and temporal conversions, a per-value path (the same rules as
/// literal folding) for the rest. A value that does not convert — "abc" to int64, NaN or 1e300 to an
/// integer — becomes null. Floats convert to integers by truncation toward zero.
/// </summary>
internal static class CastKernels
{
    public static Datum Cast(Datum input, DataType from, DataType to, int length)
    {
        if (input.IsScalar)
            return Datum.Constant(new BoundLiteral(LiteralConversion.Convert(input.Scalar!.Value, from, to), to));
        var column = input.Column!;
        if (column is DictionaryColumn dictionary)
            column = dictionary.Decode();
        if (column.Type == to)
            return column;
        return (column, to.Id) switch
        {
            (PrimitiveColumn<long> c, TypeId.Float64) => Convert(c, to, static v => (double?)v),
            (PrimitiveColumn<int> c, TypeId.Int64) when from.Id == TypeId.Int32 => Convert(c, to, static v => (long?)v),
            (PrimitiveColumn<int> c, TypeId.Float64) when from.Id == TypeId.Int32 => Convert(c, to, static v => (double?)v),
            (PrimitiveColumn<short> c, TypeId.Int64) => Convert(c, to, static v => (long?)v),
            (PrimitiveColumn<sbyte> c, TypeId.Int64) => Convert(c, to, static v => (long?)v),
            (PrimitiveColumn<byte> c, TypeId.Int64) => Convert(c, to, static v => (long?)v),
            (PrimitiveColumn<ushort> c, TypeId.Int64) => Convert(c, to, static v => (long?)v),
            (PrimitiveColumn<uint> c, TypeId.Int64) => Convert(c, to, static v => (long?)v),
            (PrimitiveColumn<float> c, TypeId.Float64) => Convert(c, to, static v => (double?)v),
            (PrimitiveColumn<double> c, TypeId.Int64) => Convert(c, to, static v => FloatToLong(v)),
            (PrimitiveColumn<ulong> c, TypeId.Float64) => Convert(c, to, static v => (double?)v),
            (PrimitiveColumn<int> c, TypeId.Timestamp) when from.Id == TypeId.Date32 =>
                Convert(c, to, v => (long?)(v * 86_400L * Temporal.UnitsPerSecond(to.Unit))),
            (PrimitiveColumn<long> c, TypeId.Timestamp) when from.Id == TypeId.Timestamp =>
                Convert(c, to, v => (long?)LiteralConversion.RescaleTimestamp(v, from.Unit, to.Unit)),
            (BinaryColumn c, TypeId.Int64) when c.Type.Id == TypeId.Utf8 => ParseInt64(c),
            (BinaryColumn c, TypeId.Float64) when c.Type.Id == TypeId.Utf8 => ParseFloat64(c),
            _ => PerValue(column, from, to, length),
        };
    }

    private static long? FloatToLong(double v) =>
        double.IsFinite(v) && v >= -9.2233720368547758e18 && v < 9.2233720368547758e18 ? (long)Math.Truncate(v) : null;

    private static Column Convert<TIn, TOut>(PrimitiveColumn<TIn> column, DataType to, Func<TIn, TOut?> convert)
        where TIn : unmanaged where TOut : unmanaged
    {
        var builder = new PrimitiveColumnBuilder<TOut>(to, column.Length);
        var values = column.Values;
        for (var i = 0; i < values.Length; i++)
            builder.Append(column.IsValid(i) ? convert(values[i]) : null);
        return builder.Build();
    }

    private static Column ParseInt64(BinaryColumn column)
    {
        var builder = new PrimitiveColumnBuilder<long>(DataType.Int64, column.Length);
        for (var i = 0; i < column.Length; i++)
            builder.Append(column.IsValid(i) && long.TryParse(column.GetBytes(i), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null);
        return builder.Build();
    }

    private static Column ParseFloat64(BinaryColumn column)
    {
        var builder = new PrimitiveColumnBuilder<double>(DataType.Float64, column.Length);
        for (var i = 0; i < column.Length; i++)
            builder.Append(column.IsValid(i) && double.TryParse(column.GetBytes(i), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null);
        return builder.Build();
    }

    private static Column PerValue(Column column, DataType from, DataType to, int length)
    {
        var builder = ColumnBuilder.Create(to, length);
        for (var i = 0; i < length; i++)
        {
            var value = column.IsValid(i) ? LiteralConversion.Convert(StorageValue(column, i), from, to) : null;
            if (value is null) builder.AppendNull();
            else builder.AppendObject(value);
        }
        return builder.Build();
    }

    /// <summary>The stored value as literal folding expects it (dates as int days, timestamps as long ticks).</summary>
    private static object? StorageValue(Column column, int index) => column switch
    {
        BinaryColumn { Type.Id: TypeId.Binary } b => b.GetBytes(index).ToArray(),
        _ => column.GetValue(index) switch
        {
            sbyte or short or int when column.Type.Id != TypeId.Date32 => System.Convert.ToInt64(column.GetValue(index), CultureInfo.InvariantCulture),
            byte or ushort or uint => System.Convert.ToInt64(column.GetValue(index), CultureInfo.InvariantCulture),
            float f => (double)f,
            var v => v,
        },
    };
}
