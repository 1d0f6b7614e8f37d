using FramesNet.Columns;

namespace FramesNet.Oracle.Tests.Plans;

/// <summary>
/// The casts the generator makes and their DuckDB spelling. A cast that can meet a value that does not convert
/// is generated as Frames' TryCast (null for such a value; Cast would fail the query) and maps to TRY_CAST; one
/// that cannot is a plain Cast, spelled the same way. The deliberate differences:
/// float → integer truncates toward zero in Frames (DuckDB rounds): <c>TRY_CAST(trunc(x) AS …)</c>;
/// string → integer accepts only an optionally signed run of digits after trimming (DuckDB also takes "1.5");
/// date → int64 is days since 1970-01-01 and timestamp → int64 microseconds (DuckDB has no such cast);
/// bool → string is "true"/"false". Casts whose text differs by design (float or timestamp → string, whose
/// formats differ) or that parse loosely in one engine (string → bool/date) are not generated.
/// </summary>
internal static class SqlCasts
{
    public static bool Allowed(DataType from, DataType to)
    {
        from = from.Logical;
        if (from == to) return false;
        if (to.IsInteger) return from.IsNumeric || from.IsString || from.Id == TypeId.Bool || from.IsTemporal && to == DataType.Int64;
        if (to.IsFloating) return from.IsNumeric || from.IsString || from.Id == TypeId.Bool;
        if (to.Id == TypeId.Bool) return from.IsInteger;
        if (to.IsString) return from.IsInteger || from.Id == TypeId.Bool || from.Id == TypeId.Date32;
        if (to.Id == TypeId.Date32) return from.Id == TypeId.Timestamp;
        if (to.Id == TypeId.Timestamp) return from.Id == TypeId.Date32;
        return false;
    }

    /// <summary>Whether some value of <paramref name="from"/> does not convert to <paramref name="to"/> (text, out of range, NaN).</summary>
    public static bool CanFail(DataType from, DataType to)
    {
        from = from.Logical;
        if (from.IsString)
            return !to.IsString;
        if (to.IsInteger && from.IsFloating)
            return true;
        if (to.IsInteger && from.IsInteger)
            return from.IsUnsignedInteger != to.IsUnsignedInteger
                ? !(from.IsUnsignedInteger && to.IsSignedInteger && to.ByteWidth > from.ByteWidth)
                : to.ByteWidth < from.ByteWidth;
        return false;
    }

    public static string Translate(string x, DataType from, DataType to)
    {
        from = from.Logical;
        var target = Sql.TypeName(to);
        if (from.Id == TypeId.Null) return $"CAST(NULL AS {target})";
        if (from == to) return x;
        if (to.IsInteger)
        {
            if (from.IsFloating) return $"TRY_CAST(trunc({x}) AS {target})";
            if (from.IsString) return $"(CASE WHEN regexp_full_match(trim({x}), '[+-]?[0-9]+') THEN TRY_CAST(trim({x}) AS {target}) END)";
            if (from.Id == TypeId.Date32) return $"CAST(({x} - DATE '1970-01-01') AS BIGINT)";
            if (from.Id == TypeId.Timestamp) return $"epoch_us({x})";
            return $"TRY_CAST({x} AS {target})";
        }
        if (to.IsFloating && from.IsString) return $"TRY_CAST(trim({x}) AS {target})";
        if (to.Id == TypeId.Bool) return $"({x} <> 0)";
        if (to.IsString && from.Id == TypeId.Bool) return $"(CASE WHEN {x} THEN 'true' WHEN NOT {x} THEN 'false' END)";
        if (to.IsString && from.Id == TypeId.Date32) return $"strftime({x}, '%Y-%m-%d')";
        return $"TRY_CAST({x} AS {target})";
    }
}
