using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FramesNet.Memory;

/// <summary>
/// A read-only window of bytes inside a <see cref="BufferOwner"/>: the unit an Arrow column is made of
/// (validity bitmap, values, offsets, string data). Copying the struct copies the window, not the bytes.
/// </summary>
public readonly struct ArrowBuffer
{
    private readonly int _offset;

    public ArrowBuffer(BufferOwner owner, int offset, int length)
    {
        if ((uint)offset > (uint)owner.Capacity || (uint)length > (uint)(owner.Capacity - offset))
            throw new ArgumentOutOfRangeException(nameof(length), $"window {offset}+{length} outside a block of {owner.Capacity} bytes");
        Owner = owner;
        _offset = offset;
        Length = length;
    }

    public static ArrowBuffer Empty => default;

    /// <summary>Null for the empty buffer.</summary>
    public BufferOwner? Owner { get; }

    public int Length { get; }

    public bool IsEmpty => Owner is null;

    public ReadOnlySpan<byte> Span =>
        Owner is null ? default : Owner.Window(_offset, Length);

    /// <summary>Index of this window's first byte inside its block.</summary>
    internal int OffsetInOwner => _offset;

    /// <summary>The bytes reinterpreted as values of <typeparamref name="T"/> (little-endian, as Arrow stores them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<T> As<T>() where T : unmanaged => MemoryMarshal.Cast<byte, T>(Span);

    public ArrowBuffer Slice(int offset, int length)
    {
        if ((uint)offset > (uint)Length || (uint)length > (uint)(Length - offset))
            throw new ArgumentOutOfRangeException(nameof(length), $"slice {offset}+{length} outside a buffer of {Length} bytes");
        return Owner is null ? default : new ArrowBuffer(Owner, _offset + offset, length);
    }

    /// <summary>A buffer holding a copy of <paramref name="bytes"/> (pooled).</summary>
    public static ArrowBuffer CopyOf(ReadOnlySpan<byte> bytes, BufferPool? pool = null)
    {
        var owner = (pool ?? BufferPool.Shared).Rent(bytes.Length);
        bytes.CopyTo(owner.Span);
        return new ArrowBuffer(owner, 0, bytes.Length);
    }

    /// <summary>A buffer holding a copy of <paramref name="values"/>.</summary>
    public static ArrowBuffer CopyOf<T>(ReadOnlySpan<T> values, BufferPool? pool = null) where T : unmanaged =>
        CopyOf(MemoryMarshal.AsBytes(values), pool);
}
