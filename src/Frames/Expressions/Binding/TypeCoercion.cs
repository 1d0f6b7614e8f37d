using FramesNet.Columns;

namespace FramesNet.Expressions.Binding;

/// <summary>
/// Which type two operands meet in. Numbers widen to int64, uint64 (both unsigned) or float64 (either
/// floating); strings, booleans and dates meet their own kind; a date meets a timestamp as a timestamp;
/// timestamps meet in the finer unit; null meets anything.
/// </summary>
internal static class TypeCoercion
{
    public static DataType? Common(DataType a, DataType b)
    {
        if (a.Id == TypeId.Null) return b;
        if (b.Id == TypeId.Null) return a;
        if (a.Id == TypeId.Dictionary) a = a.ValueType!;
        if (b.Id == TypeId.Dictionary) b = b.ValueType!;
        if (a.IsNumeric && b.IsNumeric) return CommonNumeric(a, b);
        if (a.IsString && b.IsString) return DataType.Utf8;
        if (a.Id == TypeId.Bool && b.Id == TypeId.Bool) return DataType.Bool;
        if (a.Id is TypeId.Binary or TypeId.LargeBinary && b.Id is TypeId.Binary or TypeId.LargeBinary) return DataType.Binary;
        if (a.Id == TypeId.Date32 && b.Id == TypeId.Date32) return DataType.Date32;
        if (a.IsTemporal && b.IsTemporal)
        {
            var unitA = a.Id == TypeId.Timestamp ? a.Unit : TimeUnit.Second;
            var unitB = b.Id == TypeId.Timestamp ? b.Unit : TimeUnit.Second;
            var zone = a.Id == TypeId.Timestamp ? a.TimeZone : b.TimeZone;
            return DataType.Timestamp((TimeUnit)Math.Max((int)unitA, (int)unitB), zone);
        }
        return null;
    }

    public static DataType CommonNumeric(DataType a, DataType b)
    {
        if (a.IsFloating || b.IsFloating) return DataType.Float64;
        if (a.IsUnsignedInteger && b.IsUnsignedInteger) return DataType.UInt64;
        return DataType.Int64;
    }

    /// <summary>The type arithmetic computes in for an operand of type <paramref name="t"/> (null meets int64).</summary>
    public static DataType Widened(DataType t) => t.Id == TypeId.Null ? DataType.Int64 : CommonNumeric(t, t);

    public static bool CanCast(DataType from, DataType to)
    {
        if (from == to || from.Id == TypeId.Null) return true;
        if (from.Id == TypeId.Dictionary) return CanCast(from.ValueType!, to);
        bool Scalarish(DataType t) => t.IsNumeric || t.Id == TypeId.Bool;
        if (Scalarish(from) && Scalarish(to)) return true;
        if (to.IsString) return true;
        if (from.IsString) return Scalarish(to) || to.IsTemporal || to.Id is TypeId.Binary or TypeId.LargeBinary;
        if (from.IsTemporal && to.IsTemporal) return true;
        if (from.IsTemporal && to.IsInteger) return true;
        if (from.IsInteger && to.IsTemporal) return true;
        return false;
    }
}
