using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FramesNet.Columns;
using FramesNet.Expressions.Binding;
using FramesNet.Memory;

namespace FramesNet.Expressions.Evaluation;

/// <summary>Kernels that pick, per row, one of several inputs: COALESCE and CASE WHEN.</summary>
internal static class SelectionKernels
{
    public static Datum Coalesce(Datum[] args, DataType type, int length)
    {
        // Leading all-null constants never win; a valid constant ends the list.
        var live = new List<Datum>();
        foreach (var arg in args)
        {
            if (arg.IsScalar && arg.Scalar!.Value is null)
                continue;
            live.Add(arg);
            if (arg.IsScalar || arg.Column!.NullCount == 0)
                break;
        }
        if (live.Count == 0)
            return Datum.Constant(new BoundLiteral(null, type));
        if (live.Count == 1)
            return live[0];
        if (live.Count == 2 && live[0].Column is PrimitiveColumn<double> d)
            return FillNulls(d, live[1], length);
        if (live.Count == 2 && live[0].Column is PrimitiveColumn<long> l)
            return FillNulls(l, live[1], length);
        var columns = live.Select(a => a.ToColumn(length)).ToArray();
        var builder = ColumnBuilder.Create(type, length);
        for (var i = 0; i < length; i++)
        {
            var chosen = Array.Find(columns, c => c.IsValid(i));
            if (chosen is null) builder.AppendNull();
            else builder.AppendFrom(chosen, i);
        }
        return builder.Build();
    }

    /// <summary>x where valid, else the replacement (a constant or a column); typed, no per-row dispatch.</summary>
    private static Column FillNulls<T>(PrimitiveColumn<T> x, Datum replacement, int length) where T : unmanaged
    {
        var bytes = length * Unsafe.SizeOf<T>();
        var owner = BufferPool.Shared.Rent(Math.Max(bytes, 8));
        var result = MemoryMarshal.Cast<byte, T>(owner.Span[..bytes]);
        x.Values.CopyTo(result);
        var validity = ValidityOps.Aligned(x).Span;
        ArrowBuffer resultValidity = default;
        if (replacement.IsScalar)
        {
            var value = (T)replacement.Scalar!.Value!;
            for (var i = 0; i < length; i++)
                if (!Bitmap.Get(validity, i))
                    result[i] = value;
        }
        else
        {
            var other = (PrimitiveColumn<T>)replacement.Column!;
            var otherValues = other.Values;
            for (var i = 0; i < length; i++)
                if (!Bitmap.Get(validity, i))
                    result[i] = otherValues[i];
            if (other.NullCount > 0)
            {
                var valid = ValidityOps.AllValid(length);
                for (var i = 0; i < length; i++)
                    if (!Bitmap.Get(validity, i) && !other.IsValid(i))
                        Bitmap.Clear(valid.Span, i);
                resultValidity = new ArrowBuffer(valid, 0, Bitmap.BytesFor(length));
            }
        }
        return new PrimitiveColumn<T>(x.Type, length, new ArrowBuffer(owner, 0, bytes), resultValidity);
    }

    public static Datum Case(Datum[] conditions, Datum[] values, Datum otherwise, DataType type, int length)
    {
        var conditionColumns = conditions.Select(c => (BooleanColumn)c.ToColumn(length)).ToArray();
        var valueColumns = values.Select(v => v.ToColumn(length)).ToArray();
        var otherwiseColumn = otherwise.ToColumn(length);
        var builder = ColumnBuilder.Create(type, length);
        for (var i = 0; i < length; i++)
        {
            var source = otherwiseColumn;
            for (var k = 0; k < conditionColumns.Length; k++)
            {
                if (conditionColumns[k].IsValid(i) && conditionColumns[k][i])
                {
                    source = valueColumns[k];
                    break;
                }
            }
            builder.AppendFrom(source, i);
        }
        return builder.Build();
    }

    public static Datum In(Datum input, BoundLiteral[] values, int length)
    {
        var listHasNull = values.Any(v => v.Value is null);
        var candidates = values.Where(v => v.Value is not null).Select(v => v.Value!).ToArray();
        if (input.IsScalar)
        {
            var x = input.Scalar!.Value;
            bool? found = x is null ? null : candidates.Any(c => ScalarEquals(c, x)) ? true : listHasNull ? null : false;
            return Datum.Constant(new BoundLiteral(found, DataType.Bool));
        }
        var column = input.Column!;
        var builder = new BooleanColumnBuilder(length);
        switch (column)
        {
            case PrimitiveColumn<long> c: Membership(c, candidates.Cast<long>().ToHashSet(), listHasNull, builder); break;
            case PrimitiveColumn<double> c: Membership(c, candidates.Cast<double>().Where(d => !double.IsNaN(d)).ToHashSet(), listHasNull, builder); break;
            case PrimitiveColumn<ulong> c: Membership(c, candidates.Cast<ulong>().ToHashSet(), listHasNull, builder); break;
            case PrimitiveColumn<int> c: Membership(c, candidates.Cast<int>().ToHashSet(), listHasNull, builder); break;
            case BinaryColumn c:
            {
                var wanted = candidates.Select(v => v is string s ? System.Text.Encoding.UTF8.GetBytes(s) : (byte[])v).ToArray();
                for (var i = 0; i < length; i++)
                {
                    if (!c.IsValid(i)) { builder.AppendNull(); continue; }
                    var bytes = c.GetBytes(i);
                    var hit = false;
                    foreach (var w in wanted)
                        if (bytes.SequenceEqual(w)) { hit = true; break; }
                    Append(builder, hit, listHasNull);
                }
                break;
            }
            default:
                for (var i = 0; i < length; i++)
                {
                    var value = column.GetValue(i);
                    if (value is null) builder.AppendNull();
                    else Append(builder, candidates.Any(c => ScalarEquals(c, value)), listHasNull);
                }
                break;
        }
        return builder.Build();
    }

    private static void Membership<T>(PrimitiveColumn<T> column, HashSet<T> set, bool listHasNull, BooleanColumnBuilder builder) where T : unmanaged
    {
        var values = column.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (!column.IsValid(i)) builder.AppendNull();
            else Append(builder, set.Contains(values[i]), listHasNull);
        }
    }

    private static void Append(BooleanColumnBuilder builder, bool hit, bool listHasNull)
    {
        if (hit) builder.Append(true);
        else if (listHasNull) builder.AppendNull();
        else builder.Append(false);
    }

    /// <summary>Equality as <c>=</c> means it: NaN equals nothing.</summary>
    private static bool ScalarEquals(object a, object b) => a switch
    {
        byte[] x => b is byte[] y && x.AsSpan().SequenceEqual(y),
        double d => !double.IsNaN(d) && a.Equals(b),
        _ => a.Equals(b),
    };
}
