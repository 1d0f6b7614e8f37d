using System.Text;
using FramesNet.Memory;

namespace FramesNet.Columns;

/// <summary>
/// Variable-length values with int32 offsets: <see cref="DataType.Utf8"/> strings or <see cref="DataType.Binary"/>
/// bytes. Value i is <c>Data[Offsets[i]..Offsets[i + 1]]</c>.
/// </summary>
public sealed class BinaryColumn : Column
{
    public BinaryColumn(DataType type, int length, ArrowBuffer offsets, ArrowBuffer data, ArrowBuffer validity = default,
        int nullCount = -1, int offset = 0)
        : base(type, length, offset, [validity, offsets, data], nullCount)
    {
        if (type.Id is not (TypeId.Utf8 or TypeId.Binary))
            throw new ArgumentException($"a BinaryColumn holds utf8 or binary, not {type}");
        // A column of no values may come without an offsets buffer (Arrow allows it).
        if (length > 0 || !offsets.IsEmpty)
            RequireBytes(offsets, (long)(offset + length + 1) * sizeof(int), "offsets");
    }

    public ArrowBuffer OffsetBuffer => Buffers[1];
    public ArrowBuffer DataBuffer => Buffers[2];

    /// <summary><see cref="Column.Length"/> + 1 offsets into <see cref="Data"/>.</summary>
    public ReadOnlySpan<int> Offsets => Length == 0 && Buffers[1].IsEmpty ? [0] : Buffers[1].As<int>().Slice(Offset, Length + 1);

    public ReadOnlySpan<byte> Data => Buffers[2].Span;

    public ReadOnlySpan<byte> GetBytes(int index)
    {
        var offsets = Buffers[1].As<int>();
        var start = offsets[Offset + index];
        return Buffers[2].Span[start..offsets[Offset + index + 1]];
    }

    public string GetString(int index) => Encoding.UTF8.GetString(GetBytes(index));

    public string? GetNullableString(int index) => IsValid(index) ? GetString(index) : null;

    public override object? GetValue(int index) =>
        !IsValid(index) ? null : Type.Id == TypeId.Utf8 ? GetString(index) : GetBytes(index).ToArray();

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
        new BinaryColumn(Type, length, Buffers[1], Buffers[2], Validity, -1, absoluteOffset);

    public static BinaryColumn FromStrings(IReadOnlyList<string?> values)
    {
        var builder = new BinaryColumnBuilder(DataType.Utf8, values.Count);
        foreach (var value in values)
        {
            if (value is null) builder.AppendNull();
            else builder.Append(value);
        }
        return builder.Build();
    }
}
