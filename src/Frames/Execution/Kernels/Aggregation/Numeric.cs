using System.Runtime.CompilerServices;
using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>Per-type numeric helpers for the generic accumulator loops; the type tests vanish when the JIT specialises.</summary>
internal static class Numeric
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDouble<T>(T value) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return Unsafe.As<T, double>(ref value);
        if (typeof(T) == typeof(float)) return Unsafe.As<T, float>(ref value);
        if (typeof(T) == typeof(int)) return Unsafe.As<T, int>(ref value);
        if (typeof(T) == typeof(long)) return Unsafe.As<T, long>(ref value);
        if (typeof(T) == typeof(sbyte)) return Unsafe.As<T, sbyte>(ref value);
        if (typeof(T) == typeof(short)) return Unsafe.As<T, short>(ref value);
        if (typeof(T) == typeof(byte)) return Unsafe.As<T, byte>(ref value);
        if (typeof(T) == typeof(ushort)) return Unsafe.As<T, ushort>(ref value);
        if (typeof(T) == typeof(uint)) return Unsafe.As<T, uint>(ref value);
        if (typeof(T) == typeof(ulong)) return Unsafe.As<T, ulong>(ref value);
        throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>The value as int64; a uint64 above <see cref="long.MaxValue"/> throws <see cref="OverflowException"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToInt64<T>(T value) where T : unmanaged
    {
        if (typeof(T) == typeof(int)) return Unsafe.As<T, int>(ref value);
        if (typeof(T) == typeof(long)) return Unsafe.As<T, long>(ref value);
        if (typeof(T) == typeof(sbyte)) return Unsafe.As<T, sbyte>(ref value);
        if (typeof(T) == typeof(short)) return Unsafe.As<T, short>(ref value);
        if (typeof(T) == typeof(byte)) return Unsafe.As<T, byte>(ref value);
        if (typeof(T) == typeof(ushort)) return Unsafe.As<T, ushort>(ref value);
        if (typeof(T) == typeof(uint)) return Unsafe.As<T, uint>(ref value);
        if (typeof(T) == typeof(ulong)) return checked((long)Unsafe.As<T, ulong>(ref value));
        throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>Total order used by min/max and sorting: NaN above every number, -0.0 equal to 0.0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare<T>(T a, T b) where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            double x = Unsafe.As<T, double>(ref a), y = Unsafe.As<T, double>(ref b);
            if (x < y) return -1;
            if (x > y) return 1;
            if (x == y) return 0;
            return double.IsNaN(x) ? (double.IsNaN(y) ? 0 : 1) : -1;
        }
        if (typeof(T) == typeof(float))
        {
            float x = Unsafe.As<T, float>(ref a), y = Unsafe.As<T, float>(ref b);
            if (x < y) return -1;
            if (x > y) return 1;
            if (x == y) return 0;
            return float.IsNaN(x) ? (float.IsNaN(y) ? 0 : 1) : -1;
        }
        if (typeof(T) == typeof(int)) return Unsafe.As<T, int>(ref a).CompareTo(Unsafe.As<T, int>(ref b));
        if (typeof(T) == typeof(long)) return Unsafe.As<T, long>(ref a).CompareTo(Unsafe.As<T, long>(ref b));
        if (typeof(T) == typeof(sbyte)) return Unsafe.As<T, sbyte>(ref a).CompareTo(Unsafe.As<T, sbyte>(ref b));
        if (typeof(T) == typeof(short)) return Unsafe.As<T, short>(ref a).CompareTo(Unsafe.As<T, short>(ref b));
        if (typeof(T) == typeof(byte)) return Unsafe.As<T, byte>(ref a).CompareTo(Unsafe.As<T, byte>(ref b));
        if (typeof(T) == typeof(ushort)) return Unsafe.As<T, ushort>(ref a).CompareTo(Unsafe.As<T, ushort>(ref b));
        if (typeof(T) == typeof(uint)) return Unsafe.As<T, uint>(ref a).CompareTo(Unsafe.As<T, uint>(ref b));
        if (typeof(T) == typeof(ulong)) return Unsafe.As<T, ulong>(ref a).CompareTo(Unsafe.As<T, ulong>(ref b));
        throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>
    /// A fixed-width column as <see cref="PrimitiveColumn{T}"/>; a boolean column becomes 0/1 bytes so min, max, first
    /// and last share the fixed-width loops.
    /// </summary>
    public static PrimitiveColumn<T> AsPrimitive<T>(Column column) where T : unmanaged
    {
        if (column is PrimitiveColumn<T> primitive)
            return primitive;
        var booleans = (BooleanColumn)column;
        var values = new byte[booleans.Length];
        var valid = new bool[booleans.NullCount > 0 ? booleans.Length : 0];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = booleans[i] ? (byte)1 : (byte)0;
            if (valid.Length > 0)
                valid[i] = booleans.IsValid(i);
        }
        return (PrimitiveColumn<T>)(object)PrimitiveColumn<byte>.From(DataType.UInt8, values, valid);
    }

    /// <summary>Builds the output column of <paramref name="type"/> (bool from 0/1 bytes).</summary>
    public static Column ToColumn<T>(DataType type, ReadOnlySpan<T> values, ReadOnlySpan<bool> valid) where T : unmanaged
    {
        var allValid = valid.IndexOf(false) < 0;
        if (type.Id == TypeId.Bool)
        {
            var bytes = System.Runtime.InteropServices.MemoryMarshal.Cast<T, byte>(values);
            var bits = new bool[bytes.Length];
            for (var i = 0; i < bits.Length; i++)
                bits[i] = bytes[i] != 0;
            return BooleanColumn.From(bits, allValid ? default : valid);
        }
        return PrimitiveColumn<T>.From(type, values, allValid ? default : valid);
    }
}
