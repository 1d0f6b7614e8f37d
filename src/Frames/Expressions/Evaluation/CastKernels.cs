using System.Globalization;
using System.Numerics;
using FramesNet.Columns;
using FramesNet.Expressions.Binding;

namespace FramesNet.Expressions.Evaluation;

/// <summary>
/// CAST: typed loops for the common numeric and temporal conversions, a per-value path (the same rules as
/// literal folding) for the rest. A value that does not convert — "abc" to int64, NaN or 1e300 to an integer,
/// 3e9 to int32 — is an error naming it and the cast's input (<c>source</c>), or null for TRY_CAST (no source).
/// Floats convert to integers by truncation toward zero.
/// </summary>
internal static class CastKernels
{
    public static Datum Cast(Datum input, DataType from, DataType to, int length, string? source)
    {
        if (input.IsScalar)
        {
            var scalar = input.Scalar!.Value;
            if (!LiteralConversion.TryConvert(scalar, from, to, out var converted) && source is not null)
                throw CastFailure.Error(scalar, from, to, source);
            return Datum.Constant(new BoundLiteral(converted, to));
        }
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
            (PrimitiveColumn<double> c, TypeId.Int64) => Checked(Convert(c, to, static v => FloatToLong(v)), column, from, to, source),
            (PrimitiveColumn<ulong> c, TypeId.Float64) => Convert(c, to, static v => (double?)v),
            (PrimitiveColumn<int> c, TypeId.Timestamp) when from.Id == TypeId.Date32 =>
                Convert(c, to, v => (long?)(v * 86_400L * Temporal.UnitsPerSecond(to.Unit))),
            (PrimitiveColumn<long> c, TypeId.Timestamp) when from.Id == TypeId.Timestamp =>
                Convert(c, to, v => (long?)LiteralConversion.RescaleTimestamp(v, from.Unit, to.Unit)),
            (BinaryColumn c, TypeId.Int64) when c.Type.Id == TypeId.Utf8 => Checked(ParseInt64(c), column, from, to, source),
            (BinaryColumn c, TypeId.Float64) when c.Type.Id == TypeId.Utf8 => Checked(ParseFloat64(c), column, from, to, source),
            _ => PerValue(column, from, to, length, source),
        };
    }

    private static long? FloatToLong(double v) =>
        double.IsFinite(v) && v >= -9.2233720368547758e18 && v < 9.2233720368547758e18 ? (long)Math.Truncate(v) : null;

    /// <summary>
    /// A fast path's result, with values that did not convert as nulls: for CAST (a <paramref name="source"/>) the first
    /// input that is valid where the result is null is an error.
    /// </summary>
    private static Column Checked(Column result, Column input, DataType from, DataType to, string? source)
    {
        if (source is null || result.NullCount == input.NullCount)
            return result;
        for (var i = 0; i < input.Length; i++)
            if (input.IsValid(i) && !result.IsValid(i))
                throw CastFailure.Error(StorageValue(input, i), from, to, source);
        return result;
    }

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

    private static Column PerValue(Column column, DataType from, DataType to, int length, string? source)
    {
        var builder = ColumnBuilder.Create(to, length);
        for (var i = 0; i < length; i++)
        {
            if (!column.IsValid(i))
            {
                builder.AppendNull();
                continue;
            }
            var stored = StorageValue(column, i);
            if (!LiteralConversion.TryConvert(stored, from, to, out var value) && source is not null)
                throw CastFailure.Error(stored, from, to, source);
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
