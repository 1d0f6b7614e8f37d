using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FramesNet.Memory;

namespace FramesNet.Columns;

/// <summary>A pooled byte buffer that doubles when full; the storage behind every column builder.</summary>
internal struct GrowableBuffer
{
    private BufferOwner? _owner;

    public GrowableBuffer(int initialBytes)
    {
        _owner = initialBytes > 0 ? BufferPool.Shared.Rent(initialBytes) : null;
        Length = 0;
    }

    /// <summary>Bytes appended so far by <see cref="Append"/> (callers that write through <see cref="Span"/> keep their own count).</summary>
    public int Length { get; set; }

    public readonly int Capacity => _owner?.Capacity ?? 0;

    /// <summary>All the capacity, writable.</summary>
    public readonly Span<byte> Span => _owner is null ? default : _owner.Span;

    public readonly Span<T> As<T>() where T : unmanaged => MemoryMarshal.Cast<byte, T>(Span);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureCapacity(long bytes)
    {
        if (bytes > Capacity)
            Grow(bytes);
    }

    private void Grow(long bytes)
    {
        if (bytes > Array.MaxLength - 64)
            throw new InvalidOperationException($"a column buffer cannot grow past {Array.MaxLength - 64} bytes ({bytes} asked); use smaller batches");
        var next = BufferPool.Shared.Rent((int)Math.Min(Array.MaxLength - 64, Math.Max(bytes, Math.Max(64, (long)Capacity * 2))));
        if (_owner is not null)
        {
            _owner.Span.CopyTo(next.Span);
            _owner.ReturnUnshared();
        }
        _owner = next;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity((long)Length + bytes.Length);
        bytes.CopyTo(Span[Length..]);
        Length += bytes.Length;
    }

    /// <summary>Hands the written bytes over as an <see cref="ArrowBuffer"/>; the builder must not write again.</summary>
    public ArrowBuffer Detach(int length)
    {
        if (_owner is null)
        {
            if (length == 0)
                return default;
            EnsureCapacity(length);
        }
        var buffer = new ArrowBuffer(_owner!, 0, length);
        _owner = null;
        Length = 0;
        return buffer;
    }
}
