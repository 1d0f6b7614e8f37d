using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FramesNet.Memory;

/// <summary>
/// A block of memory that column buffers point into, with a reference count.
/// </summary>
/// <remarks>
/// The count starts at zero ("floating"): a block nobody has retained is simply collected by the GC.
/// A <see cref="Columns.RecordBatch"/> retains the blocks of its columns when it is built and releases
/// them when disposed; when the count falls back to zero the block goes back to its pool. So sharing a
/// column between batches is always safe, and forgetting to dispose only costs the pooling.
/// A block may also be foreign memory (another library's buffer, native memory): see <see cref="Foreign"/>;
/// when its count first falls back to zero it gives its hold on that memory back to the <see cref="ForeignMemoryLease"/>.
/// </remarks>
public sealed unsafe class BufferOwner
{
    private readonly BufferPool? _pool;
    private readonly byte[]? _array;
    private readonly byte* _pointer;
    private readonly ReadOnlyMemory<byte> _foreign;
    private MemoryHandle _pin;
    private ForeignMemoryLease? _lease;
    private int _references;

    internal BufferOwner(byte[] array, int start, int capacity, BufferPool? pool)
    {
        _array = array;
        Start = start;
        Capacity = capacity;
        _pool = pool;
    }

    private BufferOwner(ReadOnlyMemory<byte> memory, byte[]? array, int start, MemoryHandle pin, ForeignMemoryLease lease)
    {
        _foreign = memory;
        _array = array;
        Start = start;
        Capacity = memory.Length;
        _pin = pin;
        _pointer = (byte*)pin.Pointer;
        _lease = lease;
        lease.Hold();
    }

    /// <summary>Wraps memory that no pool owns, for example a file read into an array.</summary>
    public static BufferOwner Wrap(byte[] array) => new(array, 0, array.Length, null);

    /// <summary>
    /// Wraps <paramref name="memory"/> that another owner manages (an array, or native memory behind a
    /// <see cref="MemoryManager{T}"/>) without copying it. Native memory is pinned for as long as this block is
    /// held; when the block's count first falls back to zero it unpins and releases its hold on <paramref name="lease"/>,
    /// whose owner is disposed once every block made under it has done so.
    /// </summary>
    /// <param name="fixedAddress">
    /// True for memory that never moves (native memory): it is pinned only to learn its address, not held pinned, so
    /// its owner may free it from a finalizer once nothing reaches it (a pinned native block refuses to be freed).
    /// </param>
    public static BufferOwner Foreign(ReadOnlyMemory<byte> memory, ForeignMemoryLease lease, bool fixedAddress = false)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (MemoryMarshal.TryGetArray(memory, out var segment) && segment.Array is { } array)
            return new BufferOwner(memory, array, segment.Offset, default, lease);
        var pin = memory.Pin();
        if (!fixedAddress)
            return new BufferOwner(memory, null, 0, pin, lease);
        var address = (byte*)pin.Pointer;
        pin.Dispose();
        return new BufferOwner(memory, null, 0, new MemoryHandle(address), lease);
    }

    /// <summary>True for a block over another owner's memory (see <see cref="Foreign"/>).</summary>
    public bool IsForeign => _lease is not null || !_foreign.IsEmpty;

    /// <summary>The managed array behind the block; only pooled and wrapped blocks (never native memory) have one.</summary>
    internal byte[] Array => _array ?? throw new InvalidOperationException("this block is native memory and has no managed array");

    /// <summary>The managed array behind the block, or null for native memory.</summary>
    internal byte[]? ArrayOrNull => _array;

    /// <summary>The bytes [offset, offset + length) of the block, wherever they live.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ReadOnlySpan<byte> Window(int offset, int length) =>
        _array is not null ? new ReadOnlySpan<byte>(_array, Start + offset, length) : new ReadOnlySpan<byte>(_pointer + offset, length);

    /// <summary>Index in <see cref="Array"/> of the first usable byte (64-byte aligned for pooled blocks).</summary>
    internal int Start { get; }

    public int Capacity { get; }

    internal int References => Volatile.Read(ref _references);

    /// <summary>The whole block, writable: only for whoever fills it before it is shared.</summary>
    internal Span<byte> Span => _array is not null ? new(_array, Start, Capacity) : throw new InvalidOperationException("foreign memory is read-only");

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
        {
            if (_lease is not null)
                LetGoOfForeign();
            else
                _pool?.Return(this);
        }
        else if (left < 0)
            ThrowOverReleased();
    }

    private void LetGoOfForeign()
    {
        var lease = Interlocked.Exchange(ref _lease, null);
        if (lease is null)
            return;
        _pin.Dispose();
        lease.Let();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOverReleased() =>
        throw new InvalidOperationException("A buffer was released more often than it was retained (a record batch disposed twice through a copy?).");
}
