using System.Runtime.CompilerServices;
using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// Key equality between rows of two columns of the same type, in bulk (pairs of rows) or one pair at a time.
/// Grouping semantics: two nulls are equal, -0.0 equals 0.0 and every NaN equals every NaN. (Joins drop null
/// keys before they compare.) Dictionary columns must be decoded by the caller.
/// </summary>
internal static class KeyComparer
{
    /// <summary>Sets <c>unequal[p]</c> for each pair p whose values <c>left[leftRows[p]]</c> and <c>right[rightRows[p]]</c> differ.</summary>
    public static void MarkUnequal(Column left, ReadOnlySpan<int> leftRows, Column right, ReadOnlySpan<int> rightRows, Span<bool> unequal)
    {
        switch (left)
        {
            case PrimitiveColumn<sbyte> c: MarkPrimitive(c, leftRows, (PrimitiveColumn<sbyte>)right, rightRows, unequal); break;
            case PrimitiveColumn<short> c: MarkPrimitive(c, leftRows, (PrimitiveColumn<short>)right, rightRows, unequal); break;
            case PrimitiveColumn<int> c: MarkPrimitive(c, leftRows, (PrimitiveColumn<int>)right, rightRows, unequal); break;
            case PrimitiveColumn<long> c: MarkPrimitive(c, leftRows, (PrimitiveColumn<long>)right, rightRows, unequal); break;
            case PrimitiveColumn<byte> c: MarkPrimitive(c, leftRows, (PrimitiveColumn<byte>)right, rightRows, unequal); break;
            case PrimitiveColumn<ushort> c: MarkPrimitive(c, leftRows, (PrimitiveColumn<ushort>)right, rightRows, unequal); break;
            case PrimitiveColumn<uint> c: MarkPrimitive(c, leftRows, (PrimitiveColumn<uint>)right, rightRows, unequal); break;
            case PrimitiveColumn<ulong> c: MarkPrimitive(c, leftRows, (PrimitiveColumn<ulong>)right, rightRows, unequal); break;
            case PrimitiveColumn<float> c: MarkPrimitive(c, leftRows, (PrimitiveColumn<float>)right, rightRows, unequal); break;
            case PrimitiveColumn<double> c: MarkPrimitive(c, leftRows, (PrimitiveColumn<double>)right, rightRows, unequal); break;
            case BinaryColumn c: MarkBinary(c, leftRows, (BinaryColumn)right, rightRows, unequal); break;
            default:
                for (var p = 0; p < leftRows.Length; p++)
                    if (!Equal(left, leftRows[p], right, rightRows[p]))
                        unequal[p] = true;
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ValueEquals<T>(T a, T b) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            var x = Unsafe.As<T, float>(ref a);
            var y = Unsafe.As<T, float>(ref b);
            return x == y || (float.IsNaN(x) && float.IsNaN(y));
        }
        if (typeof(T) == typeof(double))
        {
            var x = Unsafe.As<T, double>(ref a);
            var y = Unsafe.As<T, double>(ref b);
            return x == y || (double.IsNaN(x) && double.IsNaN(y));
        }
        if (typeof(T) == typeof(sbyte)) return Unsafe.As<T, sbyte>(ref a) == Unsafe.As<T, sbyte>(ref b);
        if (typeof(T) == typeof(byte)) return Unsafe.As<T, byte>(ref a) == Unsafe.As<T, byte>(ref b);
        if (typeof(T) == typeof(short)) return Unsafe.As<T, short>(ref a) == Unsafe.As<T, short>(ref b);
        if (typeof(T) == typeof(ushort)) return Unsafe.As<T, ushort>(ref a) == Unsafe.As<T, ushort>(ref b);
        if (typeof(T) == typeof(int)) return Unsafe.As<T, int>(ref a) == Unsafe.As<T, int>(ref b);
        if (typeof(T) == typeof(uint)) return Unsafe.As<T, uint>(ref a) == Unsafe.As<T, uint>(ref b);
        if (typeof(T) == typeof(long)) return Unsafe.As<T, long>(ref a) == Unsafe.As<T, long>(ref b);
        return Unsafe.As<T, ulong>(ref a) == Unsafe.As<T, ulong>(ref b);
    }

    private static void MarkPrimitive<T>(PrimitiveColumn<T> left, ReadOnlySpan<int> leftRows, PrimitiveColumn<T> right,
        ReadOnlySpan<int> rightRows, Span<bool> unequal) where T : unmanaged
    {
        var a = left.Values;
        var b = right.Values;
        if (left.NullCount == 0 && right.NullCount == 0)
        {
            for (var p = 0; p < leftRows.Length; p++)
            {
                // The right rows are a table's stored keys in probe order: random, so fetch ahead.
                if (p + CachePrefetch.Distance < rightRows.Length)
                    CachePrefetch.Element(b, rightRows[p + CachePrefetch.Distance]);
                if (!ValueEquals(a[leftRows[p]], b[rightRows[p]]))
                    unequal[p] = true;
            }
            return;
        }
        var va = new ValidityReader(left);
        var vb = new ValidityReader(right);
        for (var p = 0; p < leftRows.Length; p++)
        {
            int i = leftRows[p], j = rightRows[p];
            bool x = va.IsValid(i), y = vb.IsValid(j);
            if (x != y || (x && !ValueEquals(a[i], b[j])))
                unequal[p] = true;
        }
    }

    private static void MarkBinary(BinaryColumn left, ReadOnlySpan<int> leftRows, BinaryColumn right, ReadOnlySpan<int> rightRows, Span<bool> unequal)
    {
        var ao = left.Offsets;
        var bo = right.Offsets;
        var ad = left.Data;
        var bd = right.Data;
        var va = new ValidityReader(left);
        var vb = new ValidityReader(right);
        const int ahead = CachePrefetch.Distance;
        for (var p = 0; p < leftRows.Length; p++)
        {
            // The right rows are a table's stored keys in probe order: random. Fetch the offsets two steps
            // ahead and the bytes they point at one step ahead (by then the offsets are in cache).
            if (p + 2 * ahead < rightRows.Length)
                CachePrefetch.Element(bo, rightRows[p + 2 * ahead]);
            if (p + ahead < rightRows.Length)
                CachePrefetch.Element(bd, bo[rightRows[p + ahead]]);
            int i = leftRows[p], j = rightRows[p];
            bool x = va.IsValid(i), y = vb.IsValid(j);
            if (x != y || (x && !ad[ao[i]..ao[i + 1]].SequenceEqual(bd[bo[j]..bo[j + 1]])))
                unequal[p] = true;
        }
    }

    /// <summary>One pair; any layout (slow path).</summary>
    public static bool Equal(Column left, int i, Column right, int j)
    {
        bool x = left.IsValid(i), y = right.IsValid(j);
        if (!x || !y)
            return x == y;
        return left switch
        {
            PrimitiveColumn<sbyte> c => c.Values[i] == ((PrimitiveColumn<sbyte>)right).Values[j],
            PrimitiveColumn<short> c => c.Values[i] == ((PrimitiveColumn<short>)right).Values[j],
            PrimitiveColumn<int> c => c.Values[i] == ((PrimitiveColumn<int>)right).Values[j],
            PrimitiveColumn<long> c => c.Values[i] == ((PrimitiveColumn<long>)right).Values[j],
            PrimitiveColumn<byte> c => c.Values[i] == ((PrimitiveColumn<byte>)right).Values[j],
            PrimitiveColumn<ushort> c => c.Values[i] == ((PrimitiveColumn<ushort>)right).Values[j],
            PrimitiveColumn<uint> c => c.Values[i] == ((PrimitiveColumn<uint>)right).Values[j],
            PrimitiveColumn<ulong> c => c.Values[i] == ((PrimitiveColumn<ulong>)right).Values[j],
            PrimitiveColumn<float> c => ValueEquals(c.Values[i], ((PrimitiveColumn<float>)right).Values[j]),
            PrimitiveColumn<double> c => ValueEquals(c.Values[i], ((PrimitiveColumn<double>)right).Values[j]),
            BooleanColumn c => c[i] == ((BooleanColumn)right)[j],
            BinaryColumn c => c.GetBytes(i).SequenceEqual(((BinaryColumn)right).GetBytes(j)),
            LargeBinaryColumn c => c.GetBytes(i).SequenceEqual(((LargeBinaryColumn)right).GetBytes(j)),
            _ => Equals(left.GetValue(i), right.GetValue(j)),
        };
    }

    /// <summary>True when every key column is equal between the two rows.</summary>
    public static bool RowEqual(IReadOnlyList<Column> left, int i, IReadOnlyList<Column> right, int j)
    {
        for (var k = 0; k < left.Count; k++)
            if (!Equal(left[k], i, right[k], j))
                return false;
        return true;
    }
}
