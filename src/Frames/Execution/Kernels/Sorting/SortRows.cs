using System.Runtime.CompilerServices;
using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// One batch's sort keys made cheap to compare: fixed-width keys become order-preserving unsigned 64-bit
/// integers, strings stay as byte ranges, and each key keeps its null flags. Rows of different batches prepared
/// with the same keys compare with <see cref="Compare"/>.
/// </summary>
internal sealed class SortRows
{
    private readonly ulong[]?[] _fixed;
    private readonly BinaryColumn?[] _bytes;
    private readonly bool[]?[] _nulls;
    private readonly SortColumn[] _keys;

    /// <param name="columns">The key columns, in key order.</param>
    public SortRows(IReadOnlyList<Column> columns, IReadOnlyList<SortColumn> keys)
    {
        _keys = keys.ToArray();
        Length = columns.Count > 0 ? columns[0].Length : 0;
        _fixed = new ulong[]?[columns.Count];
        _bytes = new BinaryColumn?[columns.Count];
        _nulls = new bool[]?[columns.Count];
        for (var k = 0; k < columns.Count; k++)
        {
            var column = columns[k] is DictionaryColumn d ? ColumnKernels.Decode(d) : columns[k];
            if (column.NullCount > 0)
            {
                var nulls = new bool[Length];
                for (var i = 0; i < nulls.Length; i++)
                    nulls[i] = !column.IsValid(i);
                _nulls[k] = nulls;
            }
            if (column is BinaryColumn binary)
                _bytes[k] = binary;
            else
                _fixed[k] = Normalize(column);
        }
    }

    public static SortRows Of(RecordBatch batch, IReadOnlyList<SortColumn> keys) =>
        new(keys.Select(k => batch.Column(k.Column)).ToArray(), keys);

    public int Length { get; }

    /// <summary>The single fixed-width key's normalised values, when that is the only key (radix sort fast path).</summary>
    public ulong[]? SingleFixed => _keys.Length == 1 ? _fixed[0] : null;

    public bool[]? SingleNulls => _keys.Length == 1 ? _nulls[0] : null;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(SortRows a, int i, SortRows b, int j)
    {
        var keys = a._keys;
        for (var k = 0; k < keys.Length; k++)
        {
            var an = a._nulls[k] is { } x && x[i];
            var bn = b._nulls[k] is { } y && y[j];
            if (an || bn)
            {
                if (an && bn)
                    continue;
                return an == keys[k].NullsFirst ? -1 : 1;
            }
            int c;
            if (a._fixed[k] is { } fa)
            {
                var va = fa[i];
                var vb = b._fixed[k]![j];
                c = va < vb ? -1 : va > vb ? 1 : 0;
            }
            else
            {
                c = a._bytes[k]!.GetBytes(i).SequenceCompareTo(b._bytes[k]!.GetBytes(j));
            }
            if (c != 0)
                return keys[k].Descending ? -c : c;
        }
        return 0;
    }

    /// <summary>Order-preserving unsigned keys: signed ints flip the sign bit, floats use the IEEE total-order trick.</summary>
    internal static ulong[] Normalize(Column column)
    {
        var result = new ulong[column.Length];
        switch (column)
        {
            case PrimitiveColumn<sbyte> c: Signed(c.Values, result); break;
            case PrimitiveColumn<short> c: Signed(c.Values, result); break;
            case PrimitiveColumn<int> c: Signed(c.Values, result); break;
            case PrimitiveColumn<long> c: Signed(c.Values, result); break;
            case PrimitiveColumn<byte> c: for (var i = 0; i < result.Length; i++) result[i] = c.Values[i]; break;
            case PrimitiveColumn<ushort> c: for (var i = 0; i < result.Length; i++) result[i] = c.Values[i]; break;
            case PrimitiveColumn<uint> c: for (var i = 0; i < result.Length; i++) result[i] = c.Values[i]; break;
            case PrimitiveColumn<ulong> c: c.Values.CopyTo(result); break;
            case PrimitiveColumn<float> c: for (var i = 0; i < result.Length; i++) result[i] = Double(c.Values[i]); break;
            case PrimitiveColumn<double> c: for (var i = 0; i < result.Length; i++) result[i] = Double(c.Values[i]); break;
            case BooleanColumn c: for (var i = 0; i < result.Length; i++) result[i] = c[i] ? 1UL : 0UL; break;
            default: throw new NotSupportedException($"cannot sort by a {column.Type} column");
        }
        return result;
    }

    private static void Signed<T>(ReadOnlySpan<T> values, ulong[] result) where T : unmanaged
    {
        for (var i = 0; i < result.Length; i++)
            result[i] = RowHasher.Bits(values[i]) ^ 0x8000000000000000;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Double(double value)
    {
        var bits = HashMix.DoubleBits(value);   // -0.0 → 0.0, one positive NaN
        return (bits & 0x8000000000000000) != 0 ? ~bits : bits | 0x8000000000000000;
    }
}
