using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Execution.Kernels;

/// <summary>A <see cref="GrowableColumn"/> of booleans.</summary>
internal sealed class GrowableBoolean() : GrowableColumn(DataType.Bool)
{
    private byte[] _bits = [];

    protected override void AppendValues(Column source, ReadOnlySpan<int> rows)
    {
        var needed = Bitmap.BytesFor(Count + rows.Length);
        if (_bits.Length < needed)
            Array.Resize(ref _bits, Grow(_bits.Length, needed));
        var column = (BooleanColumn)source;
        for (var i = 0; i < rows.Length; i++)
            Bitmap.Set(_bits, Count + i, column[rows[i]]);
        Count += rows.Length;
    }

    public override Column View() =>
        new BooleanColumn(Count, new ArrowBuffer(BufferOwner.Wrap(_bits), 0, _bits.Length), ValidityView());
}
