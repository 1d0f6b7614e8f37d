using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using FramesNet.Columns;
using FramesNet.Expressions.Binding;
using FramesNet.Memory;

namespace FramesNet.Expressions.Evaluation;

/// <summary>
/// = != &lt; &lt;= &gt; &gt;= producing a bit-packed <see cref="BooleanColumn"/>; null where either side is null.
/// Numbers compare with SIMD (one vector compare → a mask of bits); floats follow IEEE (NaN compares
/// false except with !=); strings compare by UTF-8 bytes (ordinal).
/// </summary>
internal static class ComparisonKernels
{
    public static Datum Compare(ScalarFunction op, Datum a, Datum b, int length)
    {
        if (a.IsScalar && !b.IsScalar)
            return Compare(Flip(op), b, a, length);
        if (a.IsScalar)
            return Datum.Constant(new BoundLiteral(CompareScalars(op, a.Scalar!, b.Scalar!), DataType.Bool));
        if (b.IsScalar && b.Scalar!.Value is null)
            return ConstantColumn.AllNull(DataType.Bool, length);
        return op switch
        {
            ScalarFunction.Equal => Dispatch<EqualOp>(a.Column!, b, length),
            ScalarFunction.NotEqual => Dispatch<NotEqualOp>(a.Column!, b, length),
            ScalarFunction.Less => Dispatch<LessOp>(a.Column!, b, length),
            ScalarFunction.LessOrEqual => Dispatch<LessOrEqualOp>(a.Column!, b, length),
            ScalarFunction.Greater => Dispatch<GreaterOp>(a.Column!, b, length),
            ScalarFunction.GreaterOrEqual => Dispatch<GreaterOrEqualOp>(a.Column!, b, length),
            _ => throw NotAComparison(op),
        };
    }

    private static ScalarFunction Flip(ScalarFunction op) => op switch
    {
        ScalarFunction.Less => ScalarFunction.Greater,
        ScalarFunction.LessOrEqual => ScalarFunction.GreaterOrEqual,
        ScalarFunction.Greater => ScalarFunction.Less,
        ScalarFunction.GreaterOrEqual => ScalarFunction.LessOrEqual,
        ScalarFunction.Equal or ScalarFunction.NotEqual => op,
        _ => throw NotAComparison(op),
    };

    private static Column Dispatch<TOp>(Column a, Datum b, int length) where TOp : IComparisonOp => a switch
    {
        PrimitiveColumn<long> x => Numeric<long, TOp>(x, b, length),
        PrimitiveColumn<double> x => Numeric<double, TOp>(x, b, length),
        PrimitiveColumn<ulong> x => Numeric<ulong, TOp>(x, b, length),
        PrimitiveColumn<int> x => Numeric<int, TOp>(x, b, length),
        PrimitiveColumn<float> x => Numeric<float, TOp>(x, b, length),
        BinaryColumn x => Strings<TOp>(x, b, length),
        BooleanColumn x => Booleans<TOp>(x, b, length),
        _ => throw new InvalidOperationException($"no comparison for {a.Type}"),
    };

    private static Column Numeric<T, TOp>(PrimitiveColumn<T> a, Datum b, int length)
        where T : unmanaged, IComparable<T> where TOp : IComparisonOp
    {
        var bytes = Bitmap.BytesFor(length);
        var owner = BufferPool.Shared.Rent(Math.Max(bytes, 8) + 8);
        var bits = owner.Span;
        ArrowBuffer validity;
        if (b.IsScalar)
        {
            CompareToScalar<T, TOp>(a.Values, (T)b.Scalar!.Value!, bits);
            validity = ValidityOps.Aligned(a);
        }
        else
        {
            var y = (PrimitiveColumn<T>)b.Column!;
            CompareColumns<T, TOp>(a.Values, y.Values, bits);
            validity = ValidityOps.And(a, y);
        }
        return new BooleanColumn(length, new ArrowBuffer(owner, 0, bytes), validity);
    }

    /// <summary>Writes one bit per value; 64 values at a time become one ulong of the bitmap.</summary>
    internal static void CompareToScalar<T, TOp>(ReadOnlySpan<T> x, T y, Span<byte> bits)
        where T : unmanaged, IComparable<T> where TOp : IComparisonOp
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var lanes = Vector256<T>.Count;
            var vy = Vector256.Create(y);
            ref var start = ref MemoryMarshal.GetReference(x);
            for (; i + 64 <= x.Length; i += 64)
            {
                ulong word = 0;
                for (var k = 0; k < 64; k += lanes)
                {
                    var vx = Vector256.LoadUnsafe(ref start, (nuint)(i + k));
                    word |= (ulong)TOp.Test(vx, vy).ExtractMostSignificantBits() << k;
                }
                MemoryMarshal.Write(bits[(i >> 3)..], in word);
            }
        }
        for (; i < x.Length; i++)
            Bitmap.Set(bits, i, TOp.Test(x[i], y));
    }

    internal static void CompareColumns<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<byte> bits)
        where T : unmanaged, IComparable<T> where TOp : IComparisonOp
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var lanes = Vector256<T>.Count;
            ref var sx = ref MemoryMarshal.GetReference(x);
            ref var sy = ref MemoryMarshal.GetReference(y);
            for (; i + 64 <= x.Length; i += 64)
            {
                ulong word = 0;
                for (var k = 0; k < 64; k += lanes)
                {
                    var m = TOp.Test(Vector256.LoadUnsafe(ref sx, (nuint)(i + k)), Vector256.LoadUnsafe(ref sy, (nuint)(i + k)));
                    word |= (ulong)m.ExtractMostSignificantBits() << k;
                }
                MemoryMarshal.Write(bits[(i >> 3)..], in word);
            }
        }
        for (; i < x.Length; i++)
            Bitmap.Set(bits, i, TOp.Test(x[i], y[i]));
    }

    private static Column Strings<TOp>(BinaryColumn a, Datum b, int length) where TOp : IComparisonOp
    {
        var bytes = Bitmap.BytesFor(length);
        var owner = BufferPool.Shared.Rent(Math.Max(bytes, 8));
        var bits = owner.Span;
        bits[..bytes].Clear();
        ArrowBuffer validity;
        if (b.IsScalar)
        {
            var y = b.Scalar!.Value is string s ? Encoding.UTF8.GetBytes(s) : (byte[])b.Scalar!.Value!;
            for (var i = 0; i < length; i++)
                if (TOp.Holds(a.GetBytes(i).SequenceCompareTo(y)))
                    Bitmap.Set(bits, i);
            validity = ValidityOps.Aligned(a);
        }
        else
        {
            var y = (BinaryColumn)b.Column!;
            for (var i = 0; i < length; i++)
                if (TOp.Holds(a.GetBytes(i).SequenceCompareTo(y.GetBytes(i))))
                    Bitmap.Set(bits, i);
            validity = ValidityOps.And(a, y);
        }
        return new BooleanColumn(length, new ArrowBuffer(owner, 0, bytes), validity);
    }

    private static Column Booleans<TOp>(BooleanColumn a, Datum b, int length) where TOp : IComparisonOp
    {
        var builder = new BooleanColumnBuilder(length);
        var y = b.IsScalar ? null : (BooleanColumn)b.Column!;
        for (var i = 0; i < length; i++)
        {
            if (!a.IsValid(i) || (y is not null && !y.IsValid(i)))
                builder.AppendNull();
            else
                builder.Append(TOp.Holds(a[i].CompareTo(y is null ? (bool)b.Scalar!.Value! : y[i])));
        }
        return builder.Build();
    }

    private static bool? CompareScalars(ScalarFunction op, BoundLiteral a, BoundLiteral b)
    {
        if (a.Value is null || b.Value is null)
            return null;
        if (a.Value is double x && b.Value is double y && (double.IsNaN(x) || double.IsNaN(y)))
            return op == ScalarFunction.NotEqual;
        var c = a.Value switch
        {
            string s => Encoding.UTF8.GetBytes(s).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes((string)b.Value)),
            byte[] bytes => bytes.AsSpan().SequenceCompareTo((byte[])b.Value),
            IComparable comparable => comparable.CompareTo(b.Value),
            _ => throw new InvalidOperationException($"cannot compare {a.Type}"),
        };
        return op switch
        {
            ScalarFunction.Equal => c == 0,
            ScalarFunction.NotEqual => c != 0,
            ScalarFunction.Less => c < 0,
            ScalarFunction.LessOrEqual => c <= 0,
            ScalarFunction.Greater => c > 0,
            ScalarFunction.GreaterOrEqual => c >= 0,
            _ => throw NotAComparison(op),
        };
    }

    private static ArgumentOutOfRangeException NotAComparison(ScalarFunction op) => new(nameof(op), op, "not a comparison");
}
