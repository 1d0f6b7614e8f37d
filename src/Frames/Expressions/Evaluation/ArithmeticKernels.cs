using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using FramesNet.Columns;
using FramesNet.Expressions.Binding;
using FramesNet.Memory;

namespace FramesNet.Expressions.Evaluation;

/// <summary>
/// + − × ÷ % and negation over int64, uint64 and float64 (the binder casts operands to one of these).
/// Integer overflow wraps, as in two's complement; integer modulo by zero yields null; float division
/// follows IEEE (x/0 = ±∞, 0/0 = NaN).
/// </summary>
internal static class ArithmeticKernels
{
    public static Datum Binary(ScalarFunction op, Datum a, Datum b, DataType type, int length) => type.Id switch
    {
        TypeId.Int64 => Binary<long>(op, a, b, type, length),
        TypeId.UInt64 => Binary<ulong>(op, a, b, type, length),
        TypeId.Float64 => Binary<double>(op, a, b, type, length),
        _ => throw new InvalidOperationException($"arithmetic in {type}"),
    };

    public static Datum Negate(Datum a, DataType type, int length) => type.Id == TypeId.Float64 ? Negate<double>(a, type, length) : Negate<long>(a, type, length);

    private static Datum Binary<T>(ScalarFunction op, Datum a, Datum b, DataType type, int length)
        where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        if (a.IsScalar && b.IsScalar)
            return Datum.Constant(new BoundLiteral(ScalarResult<T>(op, a.Scalar!.Value, b.Scalar!.Value), type));
        if ((a.IsScalar && a.Scalar!.Value is null) || (b.IsScalar && b.Scalar!.Value is null))
            return ConstantColumn.AllNull(type, length);

        var bytes = length * Unsafe.SizeOf<T>();
        var owner = BufferPool.Shared.Rent(Math.Max(bytes, 8));
        var result = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(owner.Span[..bytes]);
        ArrowBuffer validity;
        if (a.IsScalar)
        {
            var x = (T)a.Scalar!.Value!;
            var y = (PrimitiveColumn<T>)b.Column!;
            validity = ValidityOps.Aligned(y);
            switch (op)
            {
                case ScalarFunction.Add: TensorPrimitives.Add(y.Values, x, result); break;
                case ScalarFunction.Subtract: TensorPrimitives.Subtract(x, y.Values, result); break;
                case ScalarFunction.Multiply: TensorPrimitives.Multiply(y.Values, x, result); break;
                case ScalarFunction.Divide: TensorPrimitives.Divide(x, y.Values, result); break;
                default: return Modulo(Fill(x, length), y.Values, result, owner, validity, type, length);
            }
        }
        else if (b.IsScalar)
        {
            var x = (PrimitiveColumn<T>)a.Column!;
            var y = (T)b.Scalar!.Value!;
            validity = ValidityOps.Aligned(x);
            switch (op)
            {
                case ScalarFunction.Add: TensorPrimitives.Add(x.Values, y, result); break;
                case ScalarFunction.Subtract: TensorPrimitives.Subtract(x.Values, y, result); break;
                case ScalarFunction.Multiply: TensorPrimitives.Multiply(x.Values, y, result); break;
                case ScalarFunction.Divide: TensorPrimitives.Divide(x.Values, y, result); break;
                default: return Modulo(x.Values, Fill(y, length), result, owner, validity, type, length);
            }
        }
        else
        {
            var x = (PrimitiveColumn<T>)a.Column!;
            var y = (PrimitiveColumn<T>)b.Column!;
            validity = ValidityOps.And(x, y);
            switch (op)
            {
                case ScalarFunction.Add: TensorPrimitives.Add(x.Values, y.Values, result); break;
                case ScalarFunction.Subtract: TensorPrimitives.Subtract(x.Values, y.Values, result); break;
                case ScalarFunction.Multiply: TensorPrimitives.Multiply(x.Values, y.Values, result); break;
                case ScalarFunction.Divide: TensorPrimitives.Divide(x.Values, y.Values, result); break;
                default: return Modulo(x.Values, y.Values, result, owner, validity, type, length);
            }
        }
        return new PrimitiveColumn<T>(type, length, new ArrowBuffer(owner, 0, bytes), validity);
    }

    private static T[] Fill<T>(T value, int length)
    {
        var values = new T[length];
        Array.Fill(values, value);
        return values;
    }

    private static Column Modulo<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result, BufferOwner owner, ArrowBuffer validity,
        DataType type, int length) where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        if (type.IsFloating)
        {
            for (var i = 0; i < result.Length; i++)
                result[i] = x[i] % y[i];
            return new PrimitiveColumn<T>(type, length, new ArrowBuffer(owner, 0, length * Unsafe.SizeOf<T>()), validity);
        }
        BufferOwner? valid = null;
        for (var i = 0; i < result.Length; i++)
        {
            if (T.IsZero(y[i]))
            {
                valid ??= ValidityOps.MutableCopy(validity, length);
                Bitmap.Clear(valid.Span, i);
                result[i] = T.Zero;
            }
            else
            {
                // MinValue % -1 overflows in .NET; mathematically it is 0.
                result[i] = typeof(T) == typeof(long) && y[i] == -T.One ? T.Zero : x[i] % y[i];
            }
        }
        var bits = valid is null ? validity : new ArrowBuffer(valid, 0, Bitmap.BytesFor(length));
        return new PrimitiveColumn<T>(type, length, new ArrowBuffer(owner, 0, length * Unsafe.SizeOf<T>()), bits);
    }

    private static object? ScalarResult<T>(ScalarFunction op, object? a, object? b) where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        if (a is null || b is null)
            return null;
        T x = (T)a, y = (T)b;
        return op switch
        {
            ScalarFunction.Add => unchecked(x + y),
            ScalarFunction.Subtract => unchecked(x - y),
            ScalarFunction.Multiply => unchecked(x * y),
            ScalarFunction.Divide => x / y,
            ScalarFunction.Modulo when typeof(T) != typeof(double) && T.IsZero(y) => null,
            ScalarFunction.Modulo when typeof(T) == typeof(long) && y == -T.One => T.Zero,
            ScalarFunction.Modulo => x % y,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not an arithmetic operator"),
        };
    }

    private static Datum Negate<T>(Datum a, DataType type, int length) where T : unmanaged, INumber<T>
    {
        if (a.IsScalar)
            return Datum.Constant(new BoundLiteral(a.Scalar!.Value is T v ? unchecked(-v) : null, type));
        var x = (PrimitiveColumn<T>)a.Column!;
        var bytes = length * Unsafe.SizeOf<T>();
        var owner = BufferPool.Shared.Rent(Math.Max(bytes, 8));
        TensorPrimitives.Negate(x.Values, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(owner.Span[..bytes]));
        return new PrimitiveColumn<T>(type, length, new ArrowBuffer(owner, 0, bytes), ValidityOps.Aligned(x));
    }
}
