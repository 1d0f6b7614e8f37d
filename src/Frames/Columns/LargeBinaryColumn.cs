using System.Text;
using FramesNet.Memory;

namespace FramesNet.Columns;

/// <summary>Variable-length values with int64 offsets: <see cref="DataType.LargeUtf8"/> or <see cref="DataType.LargeBinary"/>.</summary>
public sealed class LargeBinaryColumn : Column
{
    public LargeBinaryColumn(DataType type, int length, ArrowBuffer offsets, ArrowBuffer data, ArrowBuffer validity = default,
        int nullCount = -1, int offset = 0)
        : base(type, length, offset, [validity, offsets, data], nullCount)
    {
        if (type.Id is not (TypeId.LargeUtf8 or TypeId.LargeBinary))
            throw new ArgumentException($"a LargeBinaryColumn holds large_utf8 or large_binary, not {type}");
        if (length > 0 || !offsets.IsEmpty)
            RequireBytes(offsets, (long)(offset + length + 1) * sizeof(long), "offsets");
    }

    public ReadOnlySpan<long> Offsets => Length == 0 && Buffers[1].IsEmpty ? [0L] : Buffers[1].As<long>().Slice(Offset, Length + 1);

    public ReadOnlySpan<byte> Data => Buffers[2].Span;

    public ReadOnlySpan<byte> GetBytes(int index)
    {
        var offsets = Buffers[1].As<long>();
        var start = (int)offsets[Offset + index];
        return Buffers[2].Span[start..(int)offsets[Offset + index + 1]];
    }

    public string GetString(int index) => Encoding.UTF8.GetString(GetBytes(index));

    public override object? GetValue(int index) =>
        !IsValid(index) ? null : Type.Id == TypeId.LargeUtf8 ? GetString(index) : GetBytes(index).ToArray();

    /// <summary>Checks that the offsets rise monotonically inside the data buffer; returns what is wrong, or null.</summary>
    public string? CheckOffsets()
    {
        var offsets = Offsets;
        if (offsets[0] < 0)
            return $"first offset {offsets[0]} is negative";
        for (var i = 1; i < offsets.Length; i++)
            if (offsets[i] < offsets[i - 1])
                return $"offset {i} ({offsets[i]}) is below offset {i - 1} ({offsets[i - 1]})";
        if (offsets[^1] > Buffers[2].Length)
            return $"last offset {offsets[^1]} is beyond the {Buffers[2].Length}-byte data buffer";
        return null;
    }

    private protected override Column SliceCore(int absoluteOffset, int length) =>
        new LargeBinaryColumn(Type, length, Buffers[1], Buffers[2], Validity, -1, absoluteOffset);
}
