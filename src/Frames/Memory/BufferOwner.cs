using System.Runtime.CompilerServices;

namespace FramesNet.Memory;

/// <summary>
/// A block of memory that column buffers point into, with a reference count.
/// </summary>
/// <remarks>
/// The count starts at zero ("floating"): a block nobody has retained is simply collected by the GC.
/// A <see cref="Columns.RecordBatch"/> retains the blocks of its columns when it is built and releases
/// them when disposed; when the count falls back to zero the block goes back to its pool. So sharing a
/// column between batches is always safe, and forgetting to dispose only costs the pooling.
/// </remarks>
public sealed class BufferOwner
{
    private readonly BufferPool? _pool;
    private int _references;

    internal BufferOwner(byte[] array, int start, int capacity, BufferPool? pool)
    {
        Array = array;
        Start = start;
        Capacity = capacity;
        _pool = pool;
    }

    /// <summary>Wraps memory that no pool owns, for example a file read into an array.</summary>
    public static BufferOwner Wrap(byte[] array) => new(array, 0, array.Length, null);

    internal byte[] Array { get; }

    /// <summary>Index in <see cref="Array"/> of the first usable byte (64-byte aligned for pooled blocks).</summary>
    internal int Start { get; }

    public int Capacity { get; }

    internal int References => Volatile.Read(ref _references);

    /// <summary>The whole block, writable: only for whoever fills it before it is shared.</summary>
    internal Span<byte> Span => new(Array, Start, Capacity);

    /// <summary>Gives a block that was never shared straight back to its pool (a builder outgrew it).</summary>
    internal void ReturnUnshared()
    {
        if (References == 0)
            _pool?.Return(this);
    }

    internal void Retain() => Interlocked.Increment(ref _references);

    internal void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0)
            _pool?.Return(this);
        else if (left < 0)
            ThrowOverReleased();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOverReleased() =>
        throw new InvalidOperationException("A buffer was released more often than it was retained (a record batch disposed twice through a copy?).");
}
