using System.Runtime.CompilerServices;
using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// Vectorised 64-bit row hashes over one or more key columns, column at a time. Deterministic across processes
/// (no per-process seed), so every hash kernel and every worker agrees on where a key goes.
/// </summary>
/// <remarks>
/// Values hash by value, not by storage: integers of any width as the 64-bit integer (signed ones sign-extended),
/// float32 widened to float64, -0.0 like 0.0 and all NaNs alike, bool as 0/1, date32 and timestamps as their
/// integer, utf8/binary over their bytes, dictionary columns by their decoded values. A null hashes to a fixed value.
/// </remarks>
public static class RowHasher
{
    /// <summary>Hashes of the rows of <paramref name="batch"/> over the columns at <paramref name="keyIndices"/>.</summary>
    public static ulong[] Hash(RecordBatch batch, ReadOnlySpan<int> keyIndices)
    {
        var hashes = new ulong[batch.Length];
        var columns = new Column[keyIndices.Length];
        for (var k = 0; k < columns.Length; k++)
            columns[k] = batch.Column(keyIndices[k]);
        Hash(columns, hashes);
        return hashes;
    }

    /// <summary>Writes the hash of each row of <paramref name="keys"/> (all of one length) into <paramref name="hashes"/>.</summary>
    public static void Hash(IReadOnlyList<Column> keys, Span<ulong> hashes)
    {
        var length = keys.Count > 0 ? keys[0].Length : hashes.Length;
        if (hashes.Length < length)
            throw new ArgumentException($"{hashes.Length} hash slots for {length} rows");
        hashes = hashes[..length];
        hashes.Fill(HashMix.Seed);
        foreach (var key in keys)
        {
            if (key.Length != length)
                throw new ArgumentException($"key columns differ in length: {key.Length} and {length}");
            HashColumn(key, hashes);
        }
    }

    /// <summary>Folds one column into the running hashes.</summary>
    internal static void HashColumn(Column column, Span<ulong> hashes)
    {
        switch (column)
        {
            case PrimitiveColumn<sbyte> c: HashPrimitive(c, hashes); break;
            case PrimitiveColumn<short> c: HashPrimitive(c, hashes); break;
            case PrimitiveColumn<int> c: HashPrimitive(c, hashes); break;
            case PrimitiveColumn<long> c: HashPrimitive(c, hashes); break;
            case PrimitiveColumn<byte> c: HashPrimitive(c, hashes); break;
            case PrimitiveColumn<ushort> c: HashPrimitive(c, hashes); break;
            case PrimitiveColumn<uint> c: HashPrimitive(c, hashes); break;
            case PrimitiveColumn<ulong> c: HashPrimitive(c, hashes); break;
            case PrimitiveColumn<float> c: HashPrimitive(c, hashes); break;
            case PrimitiveColumn<double> c: HashPrimitive(c, hashes); break;
            case BooleanColumn c: HashBoolean(c, hashes); break;
            case BinaryColumn c: HashBinary(c, hashes); break;
            case DictionaryColumn c: HashDictionary(c, hashes); break;
            case NullColumn: for (var i = 0; i < hashes.Length; i++) hashes[i] = HashMix.Combine(hashes[i], HashMix.Null); break;
            default: HashBoxed(column, hashes); break;
        }
    }

    /// <summary>The bits a value contributes: its value as a 64-bit integer or canonical double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Bits<T>(T value) where T : unmanaged
    {
        if (typeof(T) == typeof(sbyte)) return (ulong)(long)Unsafe.As<T, sbyte>(ref value);
        if (typeof(T) == typeof(short)) return (ulong)(long)Unsafe.As<T, short>(ref value);
        if (typeof(T) == typeof(int)) return (ulong)(long)Unsafe.As<T, int>(ref value);
        if (typeof(T) == typeof(long)) return (ulong)Unsafe.As<T, long>(ref value);
        if (typeof(T) == typeof(byte)) return Unsafe.As<T, byte>(ref value);
        if (typeof(T) == typeof(ushort)) return Unsafe.As<T, ushort>(ref value);
        if (typeof(T) == typeof(uint)) return Unsafe.As<T, uint>(ref value);
        if (typeof(T) == typeof(ulong)) return Unsafe.As<T, ulong>(ref value);
        if (typeof(T) == typeof(float)) return HashMix.DoubleBits(Unsafe.As<T, float>(ref value));
        if (typeof(T) == typeof(double)) return HashMix.DoubleBits(Unsafe.As<T, double>(ref value));
        throw new NotSupportedException(typeof(T).Name);
    }

    private static void HashPrimitive<T>(PrimitiveColumn<T> column, Span<ulong> hashes) where T : unmanaged
    {
        var values = column.Values;
        if (column.NullCount == 0)
        {
            for (var i = 0; i < hashes.Length; i++)
                hashes[i] = HashMix.Combine(hashes[i], Bits(values[i]));
            return;
        }
        var validity = column.Validity.Span;
        var offset = column.Offset;
        for (var i = 0; i < hashes.Length; i++)
            hashes[i] = HashMix.Combine(hashes[i], Bitmap.Get(validity, offset + i) ? Bits(values[i]) : HashMix.Null);
    }

    private static void HashBoolean(BooleanColumn column, Span<ulong> hashes)
    {
        var bits = column.ValueBuffer.Span;
        var offset = column.Offset;
        var hasNulls = column.NullCount > 0;
        var validity = column.Validity.Span;
        for (var i = 0; i < hashes.Length; i++)
        {
            var value = hasNulls && !Bitmap.Get(validity, offset + i) ? HashMix.Null : Bitmap.Get(bits, offset + i) ? 1UL : 0UL;
            hashes[i] = HashMix.Combine(hashes[i], value);
        }
    }

    private static void HashBinary(BinaryColumn column, Span<ulong> hashes)
    {
        var offsets = column.Offsets;
        var data = column.Data;
        var hasNulls = column.NullCount > 0;
        var validity = column.Validity.Span;
        var offset = column.Offset;
        for (var i = 0; i < hashes.Length; i++)
        {
            var value = hasNulls && !Bitmap.Get(validity, offset + i)
                ? HashMix.Null
                : HashMix.Bytes(data[offsets[i]..offsets[i + 1]]);
            hashes[i] = HashMix.Combine(hashes[i], value);
        }
    }

    /// <summary>Hashes each dictionary value once, then gathers by index.</summary>
    private static void HashDictionary(DictionaryColumn column, Span<ulong> hashes)
    {
        var values = ValueBits(column.DictionaryValues);
        var hasNulls = column.NullCount > 0;
        for (var i = 0; i < hashes.Length; i++)
        {
            var value = hasNulls && !column.IsValid(i) ? HashMix.Null : values[column.GetIndex(i)];
            hashes[i] = HashMix.Combine(hashes[i], value);
        }
    }

    /// <summary>What each value of <paramref name="column"/> contributes to a row hash.</summary>
    internal static ulong[] ValueBits(Column column)
    {
        var bits = new ulong[column.Length];
        for (var i = 0; i < bits.Length; i++)
            bits[i] = ValueBitsAt(column, i);
        return bits;
    }

    private static ulong ValueBitsAt(Column column, int i)
    {
        if (!column.IsValid(i))
            return HashMix.Null;
        return column switch
        {
            PrimitiveColumn<sbyte> c => Bits(c.Values[i]),
            PrimitiveColumn<short> c => Bits(c.Values[i]),
            PrimitiveColumn<int> c => Bits(c.Values[i]),
            PrimitiveColumn<long> c => Bits(c.Values[i]),
            PrimitiveColumn<byte> c => Bits(c.Values[i]),
            PrimitiveColumn<ushort> c => Bits(c.Values[i]),
            PrimitiveColumn<uint> c => Bits(c.Values[i]),
            PrimitiveColumn<ulong> c => Bits(c.Values[i]),
            PrimitiveColumn<float> c => Bits(c.Values[i]),
            PrimitiveColumn<double> c => Bits(c.Values[i]),
            BooleanColumn c => c[i] ? 1UL : 0UL,
            BinaryColumn c => HashMix.Bytes(c.GetBytes(i)),
            LargeBinaryColumn c => HashMix.Bytes(c.GetBytes(i)),
            _ => HashMix.Bytes(System.Text.Encoding.UTF8.GetBytes(ValueFormatter.Format(column, i) ?? "")),
        };
    }

    private static void HashBoxed(Column column, Span<ulong> hashes)
    {
        for (var i = 0; i < hashes.Length; i++)
            hashes[i] = HashMix.Combine(hashes[i], ValueBitsAt(column, i));
    }
}
