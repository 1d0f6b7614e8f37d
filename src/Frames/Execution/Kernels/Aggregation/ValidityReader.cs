using System.Runtime.CompilerServices;
using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>A column's validity, read without virtual calls: <see cref="IsValid"/> is a bit test or a constant.</summary>
internal readonly ref struct ValidityReader
{
    private readonly ReadOnlySpan<byte> _bits;
    private readonly int _offset;
    private readonly bool _allNull;

    public ValidityReader(Column column)
    {
        HasNulls = column.NullCount > 0;
        _bits = HasNulls ? column.Validity.Span : default;
        _offset = column.Offset;
        _allNull = HasNulls && column.Validity.IsEmpty;
    }

    public bool HasNulls { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsValid(int index) => !HasNulls || (!_allNull && Bitmap.Get(_bits, _offset + index));
}
