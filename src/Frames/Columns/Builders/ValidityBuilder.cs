using System.Runtime.CompilerServices;
using FramesNet.Memory;

namespace FramesNet.Columns;

/// <summary>Builds a validity bitmap; allocates nothing until the first null, so all-valid columns carry no bitmap.</summary>
internal struct ValidityBuilder
{
    private GrowableBuffer _bits;
    private bool _allocated;

    public int NullCount { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendValid(int index)
    {
        if (_allocated)
        {
            _bits.EnsureCapacity(Bitmap.BytesFor(index + 1));
            Bitmap.Set(_bits.Span, index);
        }
    }

    public void AppendNull(int index)
    {
        if (!_allocated)
        {
            _allocated = true;
            _bits = new GrowableBuffer(Math.Max(64, Bitmap.BytesFor(index + 1) * 2));
            Bitmap.Fill(_bits.Span, 0, index, true);
        }
        _bits.EnsureCapacity(Bitmap.BytesFor(index + 1));
        Bitmap.Clear(_bits.Span, index);
        NullCount++;
    }

    /// <summary>Marks <paramref name="count"/> values from <paramref name="start"/> valid.</summary>
    public void AppendValidRange(int start, int count)
    {
        if (_allocated && count > 0)
        {
            _bits.EnsureCapacity(Bitmap.BytesFor(start + count));
            Bitmap.Fill(_bits.Span, start, count, true);
        }
    }

    public ArrowBuffer Build(int length)
    {
        if (!_allocated)
            return default;
        _allocated = false;
        return _bits.Detach(Bitmap.BytesFor(length));
    }

    public static ArrowBuffer FromBools(ReadOnlySpan<bool> bits)
    {
        var owner = BufferPool.Shared.Rent(Bitmap.BytesFor(bits.Length));
        var span = owner.Span[..Bitmap.BytesFor(bits.Length)];
        span.Clear();
        for (var i = 0; i < bits.Length; i++)
            if (bits[i])
                Bitmap.Set(span, i);
        return new ArrowBuffer(owner, 0, span.Length);
    }
}
