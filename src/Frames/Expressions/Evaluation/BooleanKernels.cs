using System.Runtime.InteropServices;
using FramesNet.Columns;
using FramesNet.Expressions.Binding;
using FramesNet.Memory;

namespace FramesNet.Expressions.Evaluation;

/// <summary>
/// AND, OR, NOT with SQL's three-valued logic (false AND null = false, true OR null = true), and the null
/// tests. Works a 64-bit word at a time on the bitmaps.
/// </summary>
internal static class BooleanKernels
{
    public static Datum AndOr(bool isAnd, Datum a, Datum b, int length)
    {
        if (a.IsScalar && b.IsScalar)
            return Datum.Constant(new BoundLiteral(Scalar(isAnd, (bool?)a.Scalar!.Value, (bool?)b.Scalar!.Value), DataType.Bool));
        if (a.IsScalar)
            (a, b) = (b, a);
        if (b.IsScalar)
        {
            var s = (bool?)b.Scalar!.Value;
            // x AND true = x; x AND false = false; x OR false = x; x OR true = true.
            if (s == isAnd) return a;
            if (s is bool constant) return Datum.Constant(new BoundLiteral(constant, DataType.Bool));
        }
        var left = Planes.Of((BooleanColumn)a.Column!);
        var right = b.IsScalar ? Planes.AllNull(length) : Planes.Of((BooleanColumn)b.Column!);
        var words = (length + 63) / 64;
        var values = BufferPool.Shared.Rent(words * 8);
        var valid = BufferPool.Shared.Rent(words * 8);
        var v = MemoryMarshal.Cast<byte, ulong>(values.Span[..(words * 8)]);
        var m = MemoryMarshal.Cast<byte, ulong>(valid.Span[..(words * 8)]);
        var anyNull = false;
        for (var w = 0; w < words; w++)
        {
            ulong t1 = left.True[w], f1 = left.False[w], t2 = right.True[w], f2 = right.False[w];
            var isTrue = isAnd ? t1 & t2 : t1 | t2;
            var isFalse = isAnd ? f1 | f2 : f1 & f2;
            v[w] = isTrue;
            m[w] = isTrue | isFalse;
            anyNull |= (m[w] | TailMask(w, length)) != ulong.MaxValue;
        }
        var bytes = Bitmap.BytesFor(length);
        return new BooleanColumn(length, new ArrowBuffer(values, 0, bytes), anyNull ? new ArrowBuffer(valid, 0, bytes) : default);
    }

    public static Datum Not(Datum a, int length)
    {
        if (a.IsScalar)
            return Datum.Constant(new BoundLiteral(a.Scalar!.Value is bool b ? !b : null, DataType.Bool));
        var column = (BooleanColumn)a.Column!;
        var bits = ValidityOps.AlignedBits(column.ValueBuffer, column.Offset, length);
        var bytes = Bitmap.BytesFor(length);
        var owner = BufferPool.Shared.Rent(Math.Max(bytes, 8));
        var source = bits.Span;
        var target = owner.Span;
        for (var i = 0; i < bytes; i++)
            target[i] = (byte)~source[i];
        return new BooleanColumn(length, new ArrowBuffer(owner, 0, bytes), ValidityOps.Aligned(column));
    }

    public static Datum NullTest(bool wantNull, Datum a, int length)
    {
        if (a.IsScalar)
            return Datum.Constant(new BoundLiteral((a.Scalar!.Value is null) == wantNull, DataType.Bool));
        var column = a.Column!;
        var bytes = Bitmap.BytesFor(length);
        var owner = BufferPool.Shared.Rent(Math.Max(bytes, 8));
        var validity = ValidityOps.Aligned(column);
        if (validity.IsEmpty)
            owner.Span[..bytes].Fill(column.Type.Id == TypeId.Null == wantNull ? (byte)0xFF : (byte)0);
        else
            for (var i = 0; i < bytes; i++)
                owner.Span[i] = wantNull ? (byte)~validity.Span[i] : validity.Span[i];
        return new BooleanColumn(length, new ArrowBuffer(owner, 0, bytes));
    }

    private static bool? Scalar(bool isAnd, bool? a, bool? b) => isAnd
        ? (a == false || b == false ? false : a is null || b is null ? null : true)
        : (a == true || b == true ? true : a is null || b is null ? null : false);

    private static ulong TailMask(int word, int length)
    {
        var bitsInWord = Math.Min(64, length - word * 64);
        return bitsInWord == 64 ? 0 : ulong.MaxValue << bitsInWord;
    }

    /// <summary>A boolean column as two word planes: known true and known false (null is neither).</summary>
    private readonly ref struct Planes(ReadOnlySpan<ulong> isTrue, ReadOnlySpan<ulong> isFalse)
    {
        public ReadOnlySpan<ulong> True { get; } = isTrue;
        public ReadOnlySpan<ulong> False { get; } = isFalse;

        public static Planes Of(BooleanColumn column)
        {
            var words = (column.Length + 63) / 64;
            var t = new ulong[words];
            var f = new ulong[words];
            var values = ValidityOps.AlignedBits(column.ValueBuffer, column.Offset, column.Length).Span;
            var validity = ValidityOps.Aligned(column).Span;
            var bytes = Bitmap.BytesFor(column.Length);
            var tb = MemoryMarshal.AsBytes(t.AsSpan());
            var fb = MemoryMarshal.AsBytes(f.AsSpan());
            for (var i = 0; i < bytes; i++)
            {
                var valid = validity.IsEmpty ? (byte)0xFF : validity[i];
                tb[i] = (byte)(values[i] & valid);
                fb[i] = (byte)(~values[i] & valid);
            }
            return new Planes(t, f);
        }

        public static Planes AllNull(int length) => new(new ulong[(length + 63) / 64], new ulong[(length + 63) / 64]);
    }
}
