using FramesNet.Memory;

namespace FramesNet.Columns;

/// <summary>Booleans, bit-packed like the validity bitmap.</summary>
public sealed class BooleanColumn : Column
{
    public BooleanColumn(int length, ArrowBuffer values, ArrowBuffer validity = default, int nullCount = -1, int offset = 0)
        : base(DataType.Bool, length, offset, [validity, values], nullCount)
    {
        RequireBytes(values, Bitmap.BytesFor(offset + length), "values");
    }

    public ArrowBuffer ValueBuffer => Buffers[1];

    public bool this[int index] => Bitmap.Get(Buffers[1].Span, Offset + index);

    public bool? GetNullable(int index) => IsValid(index) ? this[index] : null;

    public override object? GetValue(int index) => IsValid(index) ? this[index] : null;

    /// <summary>Number of valid true values.</summary>
    public int CountTrue()
    {
        if (NullCount == 0)
            return Bitmap.CountSet(Buffers[1].Span, Offset, Length);
        var count = 0;
        for (var i = 0; i < Length; i++)
            if (IsValid(i) && this[i])
                count++;
        return count;
    }

    private protected override Column SliceCore(int absoluteOffset, int length) =>
        new BooleanColumn(length, Buffers[1], Validity, -1, absoluteOffset);

    public static BooleanColumn From(ReadOnlySpan<bool> values, ReadOnlySpan<bool> valid = default)
    {
        var bits = ValidityBuilder.FromBools(values);
        var validity = valid.IsEmpty ? default : ValidityBuilder.FromBools(valid);
        return new BooleanColumn(values.Length, bits, validity);
    }
}
