using System.Buffers.Binary;
using FramesNet.Columns;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// A dictionary value as a hashable key, compared by its stored bytes (so NaNs with equal bits are equal and
/// 0.0 differs from -0.0): what the writer uses to tell whether two dictionaries agree and to merge them.
/// </summary>
internal readonly struct DictionaryValueKey : IEquatable<DictionaryValueKey>
{
    private readonly byte[]? _bytes;
    private readonly long _bits;
    private readonly bool _valid;

    private DictionaryValueKey(bool valid, long bits, byte[]? bytes)
    {
        _valid = valid;
        _bits = bits;
        _bytes = bytes;
    }

    public static DictionaryValueKey Of(Column column, int index)
    {
        if (!column.IsValid(index))
            return default;
        return column switch
        {
            BinaryColumn c => new DictionaryValueKey(true, 0, c.GetBytes(index).ToArray()),
            LargeBinaryColumn c => new DictionaryValueKey(true, 0, c.GetBytes(index).ToArray()),
            BooleanColumn c => new DictionaryValueKey(true, c[index] ? 1 : 0, null),
            _ => new DictionaryValueKey(true, FixedBits(column, index), null),
        };
    }

    /// <summary>Value <paramref name="i"/> of <paramref name="a"/> equals value <paramref name="j"/> of <paramref name="b"/> (same type).</summary>
    public static bool ValueEquals(Column a, int i, Column b, int j)
    {
        var valid = a.IsValid(i);
        if (valid != b.IsValid(j))
            return false;
        if (!valid)
            return true;
        return a switch
        {
            BinaryColumn x => x.GetBytes(i).SequenceEqual(((BinaryColumn)b).GetBytes(j)),
            LargeBinaryColumn x => x.GetBytes(i).SequenceEqual(((LargeBinaryColumn)b).GetBytes(j)),
            BooleanColumn x => x[i] == ((BooleanColumn)b)[j],
            NullColumn => true,
            _ => FixedBits(a, i) == FixedBits(b, j),
        };
    }

    /// <summary>The first <paramref name="count"/> values of <paramref name="a"/> and <paramref name="b"/> agree.</summary>
    public static bool PrefixEquals(Column a, Column b, int count)
    {
        if (a.Length < count || b.Length < count)
            return false;
        if (a is not (BinaryColumn or LargeBinaryColumn or BooleanColumn or NullColumn) && a.NullCount == 0 && b.NullCount == 0)
        {
            var width = a.Type.ByteWidth;
            return a.Buffers[1].Span.Slice(a.Offset * width, count * width)
                .SequenceEqual(b.Buffers[1].Span.Slice(b.Offset * width, count * width));
        }
        for (var i = 0; i < count; i++)
            if (!ValueEquals(a, i, b, i))
                return false;
        return true;
    }

    private static long FixedBits(Column column, int index)
    {
        var width = column.Type.ByteWidth;
        var bytes = column.Buffers[1].Span.Slice((column.Offset + index) * width, width);
        return width switch
        {
            1 => bytes[0],
            2 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
            4 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
            _ => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        };
    }

    public bool Equals(DictionaryValueKey other) =>
        _valid == other._valid && _bits == other._bits &&
        (_bytes is null ? other._bytes is null : other._bytes is not null && _bytes.AsSpan().SequenceEqual(other._bytes));

    public override bool Equals(object? obj) => obj is DictionaryValueKey other && Equals(other);

    public override int GetHashCode()
    {
        if (_bytes is null)
            return HashCode.Combine(_valid, _bits);
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }
}
